package io.wattline.notify.smpp;

import io.wattline.core.notification.SmsTransportSettings;
import io.wattline.notify.sms.ConcatenatedReassembly;
import io.wattline.notify.sms.IncomingSms;
import io.wattline.notify.sms.RateLimiter;
import io.wattline.notify.sms.SmsException;
import io.wattline.notify.sms.SmsPart;
import io.wattline.notify.sms.SmsSplitter;
import io.wattline.notify.sms.SmsTransport;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMS through an SMSC over SMPP 3.4 (jsmpp): binds as a transceiver, keeps the link with
 * enquire_link and rebinds after a drop, submits UCS-2 ({@code data_coding=8}) or GSM 7-bit parts
 * with a concatenation header, at most at the configured rate, and turns {@code deliver_sm} into
 * delivery receipts and replies.
 */
public final class SmppTransport implements SmsTransport {

    private static final Logger LOG = LoggerFactory.getLogger(SmppTransport.class);
    /** Command statuses after which the same message can never succeed (SMPP 3.4 §5.1.3). */
    private static final Set<Integer> PERMANENT = Set.of(0x01, 0x0A, 0x0B, 0x33, 0x42, 0x43, 0x44, 0x45, 0x48, 0x49,
            0x50, 0x51);

    private final SmsTransportSettings.Smpp settings;
    private final String password;
    private final RateLimiter rate;
    private final ConcatenatedReassembly reassembly = new ConcatenatedReassembly();
    private final Object lock = new Object();
    private volatile SMPPSession session;
    private volatile boolean running;
    private Thread binder;
    private Listener listener;

    /** @param password the SMSC password (from the environment variable the settings name) */
    public SmppTransport(SmsTransportSettings.Smpp settings, String password) {
        this.settings = settings;
        this.password = password == null ? "" : password;
        this.rate = new RateLimiter(settings.messagesPerSecond());
    }

    @Override
    public String id() {
        return settings.id();
    }

    @Override
    public void start(Listener listener) {
        this.listener = listener;
        running = true;
        binder = new Thread(this::keepBound, "smpp-bind-" + settings.id());
        binder.setDaemon(true);
        binder.start();
    }

    @Override
    public boolean ready() {
        SMPPSession s = session;
        return s != null && s.getSessionState().isBound();
    }

    /** Binds, and binds again whenever the session is lost, waiting the reconnect delay between tries. */
    private void keepBound() {
        boolean wasBound = false;
        while (running) {
            try {
                if (!ready()) {
                    if (wasBound) {
                        LOG.warn("SMPP {}: link to {}:{} lost; binding again", settings.id(), settings.host(),
                                settings.port());
                    }
                    wasBound = bind();
                }
                synchronized (lock) {
                    lock.wait(wasBound ? 1_000 : settings.reconnectDelay().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean bind() {
        SMPPSession s = new SMPPSession();
        s.setEnquireLinkTimer((int) settings.enquireLink().toMillis());
        s.setTransactionTimer(10_000);
        s.setMessageReceiverListener(new DeliverSmReceiver(this));
        s.addSessionStateListener((now, old, src) -> {
            if (!now.isBound()) {
                synchronized (lock) {
                    lock.notifyAll();
                }
            }
        });
        try {
            s.connectAndBind(settings.host(), settings.port(), new BindParameter(BindType.BIND_TRX,
                    settings.systemId(), password, settings.systemType() == null ? "" : settings.systemType(),
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 10_000);
            SMPPSession old = session;
            session = s;
            if (old != null) {
                old.close();
            }
            LOG.info("SMPP {}: bound as transceiver to {}:{}", settings.id(), settings.host(), settings.port());
            return true;
        } catch (IOException e) {
            LOG.info("SMPP {}: cannot bind to {}:{}: {}", settings.id(), settings.host(), settings.port(),
                    e.getMessage());
            s.close();
            return false;
        }
    }

    @Override
    public List<String> send(long reference, String to, String text) throws SmsException {
        SMPPSession s = session;
        if (s == null || !s.getSessionState().isBound()) {
            throw new SmsException("SMPP " + settings.id() + " is not bound", false);
        }
        List<String> ids = new ArrayList<>();
        for (SmsPart part : SmsSplitter.split(text, (int) reference)) {
            try {
                rate.acquire();
                ids.add(s.submitShortMessage("", sourceTon(), NumberingPlanIndicator.ISDN, settings.sourceAddress(),
                        to.startsWith("+") ? TypeOfNumber.INTERNATIONAL : TypeOfNumber.UNKNOWN,
                        NumberingPlanIndicator.ISDN, to.replace("+", ""),
                        new ESMClass(part.concatenated() ? 0x40 : 0x00), (byte) 0, (byte) 0, null, null,
                        new RegisteredDelivery(settings.deliveryReceipts() ? SMSCDeliveryReceipt.SUCCESS_FAILURE
                                : SMSCDeliveryReceipt.DEFAULT),
                        (byte) 0, DataCodings.newInstance((byte) part.alphabet().dataCoding), (byte) 0,
                        part.shortMessage(),
                        new OptionalParameter.User_message_reference((short) reference)).getMessageId());
            } catch (NegativeResponseException e) {
                int status = e.getCommandStatus();
                throw new SmsException(String.format("SMSC refused part %d: command status 0x%02X", ids.size() + 1,
                        status), PERMANENT.contains(status), e);
            } catch (PDUException e) {
                throw new SmsException("cannot encode submit_sm: " + e.getMessage(), true, e);
            } catch (ResponseTimeoutException | InvalidResponseException | IOException e) {
                throw new SmsException("SMSC did not answer submit_sm: " + e.getMessage(), false, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SmsException("interrupted", false, e);
            }
        }
        return ids;
    }

    private TypeOfNumber sourceTon() {
        String src = settings.sourceAddress();
        if (src.startsWith("+")) {
            return TypeOfNumber.INTERNATIONAL;
        }
        return src.chars().allMatch(Character::isDigit) ? TypeOfNumber.UNKNOWN : TypeOfNumber.ALPHANUMERIC;
    }

    /** Called by the jsmpp reader thread: hands on at once, never blocks. */
    void onDeliverSm(DeliverSm d) {
        DeliverSmReading.Reading r = DeliverSmReading.read(d);
        if (r.receipt()) {
            listener.onDeliveryReport(settings.id(), r.receiptId(), r.delivered(), r.status());
            return;
        }
        reassembly.add(r.from(), r.udh(), r.text(), Instant.now())
                .ifPresent(text -> listener.onIncoming(new IncomingSms(settings.id(), r.from(), text, Instant.now())));
    }

    @Override
    public void close() {
        running = false;
        if (binder != null) {
            binder.interrupt();
        }
        SMPPSession s = session;
        if (s != null) {
            s.setTransactionTimer(2_000);
            s.unbindAndClose();
        }
    }
}
