package io.wattline.fleet.sparkplug;

/**
 * The bdSeq number: it starts at 0 and goes up by one with every new MQTT CONNECT (wrapping after
 * 255 as Tahu does); the NDEATH registered as the will of a CONNECT and the NBIRTH that follows it
 * carry the same number (tck-id-topics-nbirth-bdseq-increment, tck-id-payloads-ndeath-bdseq).
 */
public final class BirthDeathSequence {

    private long nextConnect;
    private long current = -1;

    /** Called once for each new CONNECT: the bdSeq for its will and its NBIRTH. */
    public long forNewConnect() {
        current = nextConnect;
        nextConnect = (nextConnect + 1) % 256;
        return current;
    }

    /** The bdSeq of the current connection (a rebirth republishes it unchanged). */
    public long current() {
        if (current < 0) {
            throw new IllegalStateException("no CONNECT yet");
        }
        return current;
    }
}
