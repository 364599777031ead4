package io.wattline.notify.modem;

import com.fazecast.jSerialComm.SerialPort;
import io.wattline.core.notification.SmsTransportSettings;
import io.wattline.notify.sms.ConcatenatedReassembly;
import io.wattline.notify.sms.IncomingSms;
import io.wattline.notify.sms.RateLimiter;
import io.wattline.notify.sms.SmsException;
import io.wattline.notify.sms.SmsPart;
import io.wattline.notify.sms.SmsSplitter;
import io.wattline.notify.sms.SmsTransport;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMS through a GSM modem on a serial line (jSerialComm), in PDU mode: sets the modem up
 * ({@code ATE0}, {@code AT+CMEE=1}, {@code AT+CPIN}, {@code AT+CMGF=0}, {@code AT+CSCS},
 * {@code AT+CNMI}), checks network registration ({@code AT+CREG?}) and signal ({@code AT+CSQ})
 * before sending, sends each part with {@code AT+CMGS}, and reads incoming SMS announced by
 * {@code +CMTI} with {@code AT+CMGR}, deleting them with {@code AT+CMGD}.
 */
public final class ModemTransport implements SmsTransport {

    private static final Logger LOG = LoggerFactory.getLogger(ModemTransport.class);
    private static final Pattern CMTI = Pattern.compile("\\+CMTI:\\s*\"?(\\w+)\"?,\\s*(\\d+)");
    private static final Pattern CREG = Pattern.compile("\\+CREG:\\s*\\d+,\\s*(\\d+)");
    private static final Pattern CSQ = Pattern.compile("\\+CSQ:\\s*(\\d+),");
    private static final Pattern CMGS = Pattern.compile("\\+CMGS:\\s*(\\d+)");
    private static final Duration NETWORK_CHECK = Duration.ofSeconds(30);

    private final SmsTransportSettings.Modem settings;
    private final String pin;
    private final RateLimiter rate;
    private final ConcatenatedReassembly reassembly = new ConcatenatedReassembly();
    private final ExecutorService incoming = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "modem-incoming");
        t.setDaemon(true);
        return t;
    });
    private volatile SerialPort port;
    private volatile AtChannel at;
    private volatile Instant networkCheckedAt = Instant.EPOCH;
    private volatile boolean running;
    private Listener listener;
    private Thread opener;

    /** @param pin the SIM PIN (from the environment variable the settings name), or null */
    public ModemTransport(SmsTransportSettings.Modem settings, String pin) {
        this.settings = settings;
        this.pin = pin;
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
        opener = new Thread(this::keepOpen, "modem-open-" + settings.id());
        opener.setDaemon(true);
        opener.start();
    }

    @Override
    public boolean ready() {
        return at != null;
    }

    private void keepOpen() {
        while (running && at == null) {
            try {
                open();
                return;
            } catch (IOException | AtChannel.AtTimeoutException | RuntimeException e) {
                LOG.info("modem {} on {}: not ready ({}); trying again", settings.id(), settings.device(), e.getMessage());
                closePort();
            }
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void open() throws IOException, AtChannel.AtTimeoutException {
        SerialPort p = SerialPort.getCommPort(settings.device());
        p.setComPortParameters(settings.baudRate(), 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 0, 0);
        if (!p.openPort()) {
            throw new IOException("cannot open " + settings.device());
        }
        port = p;
        AtChannel channel = new AtChannel(p.getInputStream(), p.getOutputStream(),
                urc -> incoming.execute(() -> onUnsolicited(urc)), settings.id());
        Duration t = settings.commandTimeout();
        expectOk(channel, "AT", t);
        expectOk(channel, "ATE0", t);
        expectOk(channel, "AT+CMEE=1", t);
        List<String> cpin = channel.command("AT+CPIN?", t);
        if (cpin.stream().anyMatch(l -> l.contains("SIM PIN"))) {
            if (pin == null) {
                throw new IOException("the SIM asks for a PIN and none is configured");
            }
            expectOk(channel, "AT+CPIN=" + pin, t);
        }
        expectOk(channel, "AT+CMGF=0", t);
        expectOk(channel, "AT+CSCS=\"GSM\"", t);
        expectOk(channel, "AT+CNMI=2,1,0,0,0", t);
        at = channel;
        LOG.info("modem {} ready on {}", settings.id(), settings.device());
    }

    private static List<String> expectOk(AtChannel channel, String command, Duration timeout)
            throws IOException, AtChannel.AtTimeoutException {
        List<String> answer = channel.command(command, timeout);
        if (!answer.get(answer.size() - 1).equals("OK")) {
            throw new IOException(command + " answered " + answer);
        }
        return answer;
    }

    /** Registered (home or roaming) with a known signal; checked at most every 30 s while it holds. */
    private void checkNetwork(AtChannel channel) throws SmsException, IOException, AtChannel.AtTimeoutException {
        if (Instant.now().isBefore(networkCheckedAt.plus(NETWORK_CHECK))) {
            return;
        }
        Matcher reg = CREG.matcher(String.join("\n", channel.command("AT+CREG?", settings.commandTimeout())));
        int stat = reg.find() ? Integer.parseInt(reg.group(1)) : -1;
        if (stat != 1 && stat != 5) {
            throw new SmsException("modem " + settings.id() + " is not registered on a network (+CREG stat "
                    + stat + ")", false);
        }
        Matcher csq = CSQ.matcher(String.join("\n", channel.command("AT+CSQ", settings.commandTimeout())));
        int rssi = csq.find() ? Integer.parseInt(csq.group(1)) : 99;
        if (rssi == 99 || rssi == 0) {
            throw new SmsException("modem " + settings.id() + " has no usable signal (+CSQ " + rssi + ")", false);
        }
        networkCheckedAt = Instant.now();
    }

    @Override
    public List<String> send(long reference, String to, String text) throws SmsException {
        AtChannel channel = at;
        if (channel == null) {
            throw new SmsException("modem " + settings.id() + " is not open", false);
        }
        List<String> refs = new ArrayList<>();
        try {
            checkNetwork(channel);
            for (SmsPart part : SmsSplitter.split(text, (int) reference)) {
                rate.acquire();
                SmsPdu.Submit pdu = SmsPdu.submit(to, part, 0xAA, false);
                List<String> answer = channel.sendPdu(pdu.length(), pdu.hex(), settings.commandTimeout());
                Matcher mr = CMGS.matcher(String.join("\n", answer));
                if (!mr.find()) {
                    networkCheckedAt = Instant.EPOCH;
                    throw new SmsException("modem refused part " + (refs.size() + 1) + ": " + answer, false);
                }
                refs.add(mr.group(1));
            }
            return refs;
        } catch (IOException | AtChannel.AtTimeoutException e) {
            networkCheckedAt = Instant.EPOCH;
            throw new SmsException("modem " + settings.id() + ": " + e.getMessage(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsException("interrupted", false, e);
        }
    }

    /** {@code +CMTI: "SM",3}: read message 3, hand it on, delete it. Runs on its own thread. */
    private void onUnsolicited(String urc) {
        Matcher m = CMTI.matcher(urc);
        AtChannel channel = at;
        if (!m.find() || channel == null) {
            return;
        }
        String index = m.group(2);
        try {
            List<String> answer = channel.command("AT+CMGR=" + index, settings.commandTimeout());
            String hex = null;
            for (int i = 0; i < answer.size() - 1; i++) {
                if (answer.get(i).startsWith("+CMGR:")) {
                    hex = answer.get(i + 1);
                }
            }
            if (hex != null) {
                SmsPdu.Deliver d = SmsPdu.deliver(hex);
                reassembly.add(d.originator(), d.udh(), d.text(), Instant.now()).ifPresent(text ->
                        listener.onIncoming(new IncomingSms(settings.id(), d.originator(), text, Instant.now())));
            }
            channel.command("AT+CMGD=" + index, settings.commandTimeout());
        } catch (IOException | AtChannel.AtTimeoutException | RuntimeException e) {
            LOG.warn("modem {}: cannot read incoming SMS {}: {}", settings.id(), index, e.toString());
        }
    }

    private void closePort() {
        AtChannel channel = at;
        at = null;
        if (channel != null) {
            channel.close();
        }
        SerialPort p = port;
        if (p != null) {
            p.closePort();
        }
    }

    @Override
    public void close() {
        running = false;
        if (opener != null) {
            opener.interrupt();
        }
        incoming.shutdownNow();
        closePort();
    }
}
