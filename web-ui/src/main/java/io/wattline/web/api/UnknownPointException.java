package io.wattline.web.api;

/** The request names a point that is not configured; answered with 404. */
public final class UnknownPointException extends RuntimeException {

    private final String id;

    public UnknownPointException(String id) {
        super("no configured point '" + id + "'; GET /api/points/latest lists them (未配置该测点)");
        this.id = id;
    }

    public String id() {
        return id;
    }
}
