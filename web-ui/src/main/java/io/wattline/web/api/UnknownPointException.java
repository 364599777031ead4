package io.wattline.web.api;

/** The request names a point that is not configured; answered with 404. */
public final class UnknownPointException extends RuntimeException {

    public UnknownPointException(String id) {
        super("no configured point '" + id + "'; GET /api/points/latest lists them");
    }
}
