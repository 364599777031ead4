package io.wattline.collector.plan;

import io.wattline.collector.modbus.ModbusReadException;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.RegisterRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds out what a device refuses when it answers a joined read with exception 02 or 03: splits the
 * read in halves down to single points (bisection), then joins neighbouring accepted reads again
 * where the device accepts the join, so the rest is read in the largest requests it takes. Points
 * refused even alone are refused; a join of two accepted reads that is refused marks the registers
 * between them unreadable (or, with none between, the longer read as too long).
 */
public final class RequestHealer {

    private RequestHealer() {
    }

    /** Issues one read; throws what the link throws. */
    @FunctionalInterface
    public interface Reader {
        int[] read(ReadRequest request) throws ModbusReadException;
    }

    /** A read the device accepted, with its values. */
    public record Accepted(ReadRequest request, int[] values) {
    }

    /** A point the device refused when read alone, with the read and its exception. */
    public record Refusal(ReadRequest request, ModbusReadException cause) {
    }

    /**
     * What healing found.
     *
     * @param accepted     the reads the device accepted, joined where it allowed, in address order
     * @param refused      points refused even alone
     * @param unreadable   spans [start, end) between accepted reads that it would not read across
     * @param maxRegisters the longest accepted read where a join without a gap was refused; null if none
     * @param reads        how many requests healing sent
     */
    public record Outcome(List<Accepted> accepted, Map<PointDefinition, Refusal> refused,
            List<RegisterRange> unreadable, Integer maxRegisters, int reads) {
    }

    /**
     * Heals {@code failed}, which the device refused with {@code cause} (02 or 03).
     *
     * @param maxPerRequest the longest read allowed (profile quirk or Modbus limit)
     * @throws ModbusReadException anything but a refusal (a timeout, a broken link): healing stops
     */
    public static Outcome heal(ReadRequest failed, ModbusReadException cause, Reader reader, int maxPerRequest)
            throws ModbusReadException {
        Search search = new Search(failed, reader);
        List<PointDefinition> points = new ArrayList<>(failed.points());
        points.sort(Comparator.comparingInt(PointDefinition::address).thenComparingInt(PointDefinition::end));
        if (points.size() == 1) {
            search.refused.put(points.get(0), new Refusal(failed, cause));
        } else {
            search.split(points);
        }
        search.join(maxPerRequest);
        return new Outcome(List.copyOf(search.accepted), search.refused, List.copyOf(search.unreadable),
                search.maxRegisters, search.reads);
    }

    private static final class Search {
        final Reader reader;
        final List<Accepted> accepted = new ArrayList<>();
        final Map<PointDefinition, Refusal> refused = new LinkedHashMap<>();
        final List<RegisterRange> unreadable = new ArrayList<>();
        /** Spans known to be refused, as "start+count", so none is asked twice. */
        final Set<String> refusedSpans = new HashSet<>();
        Integer maxRegisters;
        int reads;

        Search(ReadRequest failed, Reader reader) {
            this.reader = reader;
            refusedSpans.add(failed.start() + "+" + failed.count());
        }

        void split(List<PointDefinition> points) throws ModbusReadException {
            int middle = points.size() / 2;
            explore(points.subList(0, middle));
            explore(points.subList(middle, points.size()));
        }

        void explore(List<PointDefinition> points) throws ModbusReadException {
            ReadRequest span = span(points);
            try {
                accepted.add(new Accepted(span, read(span)));
            } catch (ModbusReadException e) {
                if (!e.isRefusal()) {
                    throw e;
                }
                if (points.size() == 1) {
                    refused.put(points.get(0), new Refusal(span, e));
                } else {
                    split(points);
                }
            }
        }

        /** Joins neighbouring accepted reads wherever the device takes the joined read. */
        void join(int maxPerRequest) throws ModbusReadException {
            accepted.sort(Comparator.comparingInt((Accepted a) -> a.request().start()));
            List<Accepted> joined = new ArrayList<>();
            Accepted current = null;
            for (Accepted next : accepted) {
                if (current == null) {
                    current = next;
                    continue;
                }
                ReadRequest a = current.request();
                ReadRequest b = next.request();
                int end = Math.max(a.end(), b.end());
                boolean refusedBetween = refused.keySet().stream()
                        .anyMatch(p -> p.address() < b.start() && p.end() > a.end());
                Accepted union = null;
                if (!refusedBetween && end - a.start() <= maxPerRequest) {
                    List<PointDefinition> points = new ArrayList<>(a.points());
                    points.addAll(b.points());
                    ReadRequest both = new ReadRequest(a.function(), a.start(), end - a.start(), points);
                    try {
                        union = new Accepted(both, read(both));
                    } catch (ModbusReadException e) {
                        if (!e.isRefusal()) {
                            throw e;
                        }
                        if (b.start() > a.end()) {
                            unreadable.add(new RegisterRange(a.function(), a.end(), b.start()));
                        } else {
                            int longest = Math.max(a.count(), b.count());
                            maxRegisters = maxRegisters == null ? longest : Math.min(maxRegisters, longest);
                        }
                    }
                }
                if (union != null) {
                    current = union;
                } else {
                    joined.add(current);
                    current = next;
                }
            }
            if (current != null) {
                joined.add(current);
            }
            accepted.clear();
            accepted.addAll(joined);
        }

        int[] read(ReadRequest request) throws ModbusReadException {
            if (refusedSpans.contains(request.start() + "+" + request.count())) {
                throw ModbusReadException.exceptionCode(2);
            }
            reads++;
            try {
                return reader.read(request);
            } catch (ModbusReadException e) {
                if (e.isRefusal()) {
                    refusedSpans.add(request.start() + "+" + request.count());
                }
                throw e;
            }
        }

        private static ReadRequest span(List<PointDefinition> points) {
            int start = points.stream().mapToInt(PointDefinition::address).min().orElseThrow();
            int end = points.stream().mapToInt(PointDefinition::end).max().orElseThrow();
            return new ReadRequest(points.get(0).function(), start, end - start, points);
        }
    }
}
