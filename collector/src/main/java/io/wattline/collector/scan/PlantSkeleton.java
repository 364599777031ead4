package io.wattline.collector.scan;

import io.wattline.core.Quantity;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.ConnectionType;
import java.time.ZoneId;
import java.util.List;

/**
 * The plant file a bus scan suggests: the scanned connection and one meter per identified unit, with
 * the profile (and variant) found and the checks that matched as comments; units that answer but
 * match no profile are listed as comments. It loads as it is; names, areas and carriers are to be
 * completed by hand.
 */
public final class PlantSkeleton {

    private PlantSkeleton() {
    }

    /** The skeleton's YAML text. */
    public static String yaml(String url, Connection connection, List<UnitReport> reports, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        b.append("# Plant skeleton written by ./wattline scan ").append(url).append('\n');
        b.append("# Check each meter's profile against its nameplate, give names, areas and carriers, then:\n");
        b.append("#   ./wattline validate plant.yaml\n");
        b.append("schemaVersion: 1\n");
        b.append("plant: { name: \"Scanned plant\", timeZone: ").append(zone.getId()).append(" }\n");
        b.append("sites: [ { id: site } ]\n");
        b.append("areas: [ { id: area, site: site } ]\n");
        b.append("connections:\n  - ").append(connection(connection)).append('\n');
        b.append("meters:\n");
        int meters = 0;
        for (UnitReport r : reports) {
            if (!r.answers()) {
                continue;
            }
            if (r.best().isEmpty()) {
                b.append("  # unit ").append(r.unitId()).append(" answers (").append(r.answer()).append(") but ")
                        .append(r.candidates().isEmpty() ? "no profile's signature matches: write its profile"
                                + " (README, Adding a meter model)"
                                : "several profiles match equally: " + r.candidates().stream()
                                        .map(UnitReport.Candidate::profileId).toList())
                        .append('\n');
                continue;
            }
            UnitReport.Candidate best = r.best().get();
            b.append("  # unit ").append(r.unitId()).append(": ").append(best.model().profile().vendor()).append(' ')
                    .append(best.model().profile().model()).append(", ").append(best.checks().stream()
                            .map(UnitReport.CheckResult::describe).toList());
            if (best.note() != null) {
                b.append("; ").append(best.note());
            }
            boolean electricity = measuresElectricity(best);
            if (!electricity) {
                b.append("; set the carrier it measures (water, natural_gas, steam, compressed_air, heat)");
            }
            b.append('\n');
            b.append("  - { id: unit-").append(r.unitId()).append(", profile: ").append(best.profileId())
                    .append(", connection: ").append(connection.id()).append(", unitId: ").append(r.unitId())
                    .append(", carrier: ").append(electricity ? "electricity" : "none").append(", area: area }\n");
            meters++;
        }
        if (meters == 0) {
            b.append("  []\n");
        }
        return b.toString().replace("meters:\n  []\n", "meters: []\n");
    }

    /** A model that counts active energy measures electricity; any other's carrier is set by hand. */
    private static boolean measuresElectricity(UnitReport.Candidate best) {
        return best.model().profile().points().stream().anyMatch(p -> p.quantity() == Quantity.ACTIVE_ENERGY_IMPORT);
    }

    private static String connection(Connection c) {
        String timeout = c.timeout().toMillis() % 1000 == 0 ? c.timeout().toSeconds() + "s" : c.timeout().toMillis() + "ms";
        if (c.type() == ConnectionType.MODBUS_RTU) {
            return "{ id: " + c.id() + ", type: modbus-rtu, device: " + c.serialDevice() + ", baudRate: " + c.baudRate()
                    + ", parity: " + c.parity() + ", stopBits: " + c.stopBits() + ", timeout: " + timeout + " }";
        }
        return "{ id: " + c.id() + ", type: " + c.type().configName() + ", host: " + c.host() + ", port: " + c.port()
                + ", timeout: " + timeout + " }";
    }
}
