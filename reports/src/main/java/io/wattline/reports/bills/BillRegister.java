package io.wattline.reports.bills;

import io.wattline.reports.JsonLinesFile;
import io.wattline.core.tariff.TariffBand;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The utility bills finance entered, one JSON line each in {@code <data-dir>/utility-bills.jsonl},
 * appended and forced to disk before the entry is acknowledged; never rewritten, so the file is its
 * own history. The latest entry of a month is the bill the reports compare with.
 */
public final class BillRegister {

    public static final String FILE_NAME = "utility-bills.jsonl";

    private static final Logger LOG = LoggerFactory.getLogger(BillRegister.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonLinesFile lines;

    public BillRegister(Path file) {
        this.lines = new JsonLinesFile(file, "the bill register");
    }

    public synchronized UtilityBill add(UtilityBill bill) {
        ObjectNode line = JSON.createObjectNode();
        line.put("month", bill.month().toString());
        ObjectNode kwh = line.putObject("kwh");
        bill.kwhPerBand().forEach((band, v) -> kwh.put(band.name().toLowerCase(Locale.ROOT), v));
        if (bill.maxDemandKw() != null) {
            line.put("maxDemandKw", bill.maxDemandKw());
        }
        if (bill.powerFactor() != null) {
            line.put("powerFactor", bill.powerFactor());
        }
        line.put("amount", bill.amount());
        line.put("note", bill.note());
        line.put("enteredBy", bill.enteredBy());
        line.put("enteredAt", bill.enteredAt().toString());
        lines.append(JSON.writeValueAsString(line));
        return bill;
    }

    /** Every entry in the order entered. */
    public synchronized List<UtilityBill> all() {
        List<UtilityBill> out = new ArrayList<>();
        List<String> lines = this.lines.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                out.add(parse(JSON.readTree(lines.get(i))));
            } catch (RuntimeException e) {
                // a torn last line after a crash: the entry was never acknowledged
                LOG.warn("{}:{}: skipped an unreadable bill entry: {}", this.lines.path(), i + 1, e.getMessage());
            }
        }
        return out;
    }

    /** The bill finance last entered for {@code month}. */
    public Optional<UtilityBill> of(YearMonth month) {
        List<UtilityBill> all = all();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).month().equals(month)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    private static UtilityBill parse(JsonNode n) {
        Map<TariffBand, Double> kwh = new EnumMap<>(TariffBand.class);
        JsonNode k = n.path("kwh");
        k.propertyNames().forEach(b -> kwh.put(TariffBand.valueOf(b.toUpperCase(Locale.ROOT)), k.get(b).asDouble()));
        return new UtilityBill(YearMonth.parse(n.path("month").asString()), kwh,
                n.has("maxDemandKw") ? n.get("maxDemandKw").asDouble() : null,
                n.has("powerFactor") ? n.get("powerFactor").asDouble() : null, n.path("amount").asDouble(),
                n.path("note").isString() ? n.path("note").asString() : null, n.path("enteredBy").asString(),
                Instant.parse(n.path("enteredAt").asString()));
    }
}
