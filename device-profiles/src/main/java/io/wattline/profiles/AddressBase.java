package io.wattline.profiles;

/**
 * How a profile writes addresses, declared once per profile. {@code ZERO}: the PDU address as
 * sent on the wire. {@code ONE}: 1-based register numbers as many manuals print them (register 1
 * is PDU address 0).
 */
public enum AddressBase {
    ZERO(0), ONE(1);

    private final int offset;

    AddressBase(int offset) {
        this.offset = offset;
    }

    /** PDU address of a register number written in this base. */
    public int toPdu(int declared) {
        return declared - offset;
    }

    /** The register number written in this base for a PDU address. */
    public int fromPdu(int pdu) {
        return pdu + offset;
    }
}
