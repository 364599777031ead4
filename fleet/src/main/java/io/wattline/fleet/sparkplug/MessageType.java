package io.wattline.fleet.sparkplug;

/** The Sparkplug B verbs (spec 4.1.2); device-level ones carry a device id in the topic. */
public enum MessageType {
    NBIRTH(false), NDEATH(false), DBIRTH(true), DDEATH(true), NDATA(false), DDATA(true), NCMD(false), DCMD(true),
    STATE(false);

    private final boolean deviceLevel;

    MessageType(boolean deviceLevel) {
        this.deviceLevel = deviceLevel;
    }

    public boolean deviceLevel() {
        return deviceLevel;
    }
}
