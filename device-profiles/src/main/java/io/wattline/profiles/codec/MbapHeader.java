package io.wattline.profiles.codec;

/**
 * The 7-byte Modbus TCP header: transaction id, protocol id (always 0), length of what follows
 * (unit id + PDU) and unit id.
 */
public record MbapHeader(int transactionId, int protocolId, int length, int unitId) {

    public static final int SIZE = 7;
}
