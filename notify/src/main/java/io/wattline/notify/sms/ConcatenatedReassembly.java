package io.wattline.notify.sms;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Joins the parts of incoming concatenated SMS (a long reply) by sender, reference and count;
 * parts that never complete are dropped after a while.
 */
public final class ConcatenatedReassembly {

    private static final Duration KEEP = Duration.ofMinutes(10);

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /**
     * @param udh the part's user-data header, or an empty array for a single SMS
     * @return the whole text once every part arrived
     */
    public synchronized Optional<String> add(String from, byte[] udh, String text, Instant now) {
        pending.values().removeIf(p -> p.started.plus(KEEP).isBefore(now));
        int[] concat = concatenation(udh);
        if (concat == null) {
            return Optional.of(text);
        }
        String key = from + "/" + concat[0] + "/" + concat[1];
        Pending p = pending.computeIfAbsent(key, k -> new Pending(now));
        p.parts.put(concat[2], text);
        if (p.parts.size() < concat[1]) {
            return Optional.empty();
        }
        pending.remove(key);
        StringBuilder all = new StringBuilder();
        for (Iterator<String> it = p.parts.values().iterator(); it.hasNext();) {
            all.append(it.next());
        }
        return Optional.of(all.toString());
    }

    /** {ref, total, seq} from an 8-bit (IEI 00) or 16-bit (IEI 08) concatenation element, else null. */
    static int[] concatenation(byte[] udh) {
        int i = 1;
        while (udh.length > 0 && i + 1 < udh.length) {
            int iei = udh[i] & 0xFF;
            int len = udh[i + 1] & 0xFF;
            if (iei == 0x00 && len == 3 && i + 4 < udh.length) {
                return new int[] {udh[i + 2] & 0xFF, udh[i + 3] & 0xFF, udh[i + 4] & 0xFF};
            }
            if (iei == 0x08 && len == 4 && i + 5 < udh.length) {
                return new int[] {((udh[i + 2] & 0xFF) << 8) | (udh[i + 3] & 0xFF), udh[i + 4] & 0xFF,
                        udh[i + 5] & 0xFF};
            }
            i += 2 + len;
        }
        return null;
    }

    private static final class Pending {
        final Instant started;
        final TreeMap<Integer, String> parts = new TreeMap<>();

        Pending(Instant started) {
            this.started = started;
        }
    }
}
