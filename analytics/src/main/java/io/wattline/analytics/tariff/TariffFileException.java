package io.wattline.analytics.tariff;

/** A tariff file that cannot be read; the message names the file and the line or field. */
public class TariffFileException extends RuntimeException {

    public TariffFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
