package io.wattline.notify.outbox;

/** Where a message in the outbox stands. */
public enum DeliveryStatus {
    /** Waiting to be sent (or to be retried after a failure). */
    QUEUED,
    /** Handed to a transport this very moment. */
    SENDING,
    /** Taken by the SMSC, modem or provider; no receipt yet. */
    SUBMITTED,
    /** A delivery receipt says every part reached the phone. */
    DELIVERED,
    /** A delivery receipt says a part did not reach the phone. */
    UNDELIVERED,
    /** No channel took it after every retry. */
    FAILED,
    /** Withdrawn before it was sent (the alarm was acknowledged meanwhile). */
    CANCELLED;

    public boolean finished() {
        return this == DELIVERED || this == UNDELIVERED || this == FAILED || this == CANCELLED;
    }
}
