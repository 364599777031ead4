package io.wattline.historian;

/**
 * The store holds writes for now (the data volume is below its low-space watermark or full): what
 * was accepted stays queued and is committed when space returns; a caller that must wait for its
 * samples (an import, a flush) is told at once instead of hanging.
 */
public class WritesHeldException extends HistorianException {

    public WritesHeldException(String message) {
        super(message);
    }
}
