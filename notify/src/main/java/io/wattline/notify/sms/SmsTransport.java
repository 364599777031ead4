package io.wattline.notify.sms;

import java.util.List;

/**
 * One way to send SMS (an SMSC over SMPP, a GSM modem, a cloud provider's HTTP API). The outbox
 * calls {@link #send} from one thread per transport and retries what fails; a transport reports
 * replies and delivery receipts through the {@link Listener} it was started with.
 */
public interface SmsTransport extends AutoCloseable {

    String id();

    /** Connects (and keeps reconnecting in the background); returns without waiting for the link. */
    void start(Listener listener);

    /** True while the link is up, so that {@link #send} has a chance. */
    boolean ready();

    /**
     * Hands one message on, split into parts as needed; returns the provider's id of each part
     * (what delivery receipts name), or throws when nothing was taken.
     *
     * @param reference the outbox's number for the message (concatenation reference, log lines)
     */
    List<String> send(long reference, String to, String text) throws SmsException;

    @Override
    void close();

    /** What a transport hears from the network. */
    interface Listener {

        /** A whole SMS someone sent us (a reply), parts already joined. */
        void onIncoming(IncomingSms sms);

        /** A delivery receipt for a part the transport sent earlier. */
        void onDeliveryReport(String transportId, String providerId, boolean delivered, String detail);
    }
}
