package io.wattline.notify.sms;

/**
 * A transport could not take a message. {@code permanent} when trying again cannot help (the
 * number is invalid, the provider refused the text); otherwise the outbox retries with backoff.
 */
public final class SmsException extends Exception {

    private final boolean permanent;

    public SmsException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public SmsException(String message, boolean permanent) {
        this(message, permanent, null);
    }

    public boolean permanent() {
        return permanent;
    }
}
