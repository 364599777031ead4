package io.wattline.config;

import io.wattline.config.ConfigNodes.Indexed;
import io.wattline.profiles.yaml.ValidationError;
import io.wattline.profiles.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The plant's contracted maximum demand is stated once, as a site's {@code contractedDemandKw}; the
 * demand alarm ({@code contractedKw}) and the reports ({@code contractedDemandKw}) default to it and may
 * still override it: {@code validate} warns when an override differs, since two figures for one contract
 * were how the demo once compared against 400 kW in its reports and 630 kW in its alarm.
 */
final class ContractedDemand {

    private ContractedDemand() {
    }

    /** The one site's figure (kW), or null when no site, or more than one, states it. */
    static Double ofSites(JsonNode root) {
        List<Double> stated = new ArrayList<>();
        for (JsonNode s : root.path("sites")) {
            if (s.path("contractedDemandKw").isNumber()) {
                stated.add(s.path("contractedDemandKw").asDouble());
            }
        }
        return stated.size() == 1 ? stated.get(0) : null;
    }

    /** A warning for every demand alarm and report that states a figure other than the site's. */
    static List<String> warnings(YamlDocument doc) {
        Double site = ofSites(doc.root());
        List<String> warnings = new ArrayList<>();
        if (site == null) {
            return warnings;
        }
        for (Indexed r : ConfigNodes.objects(doc.root().path("alarms").path("rules"))) {
            differs(doc, r.node().path("contractedKw"), site, "/alarms/rules/" + r.index() + "/contractedKw", warnings);
        }
        for (Indexed d : ConfigNodes.objects(doc.root().path("reports").path("definitions"))) {
            differs(doc, d.node().path("contractedDemandKw"), site,
                    "/reports/definitions/" + d.index() + "/contractedDemandKw", warnings);
        }
        return warnings;
    }

    private static void differs(YamlDocument doc, JsonNode value, double site, String at, List<String> warnings) {
        if (value.isNumber() && value.asDouble() != site) {
            ValidationError e = doc.error(at, "warning: " + fmt(value.asDouble()) + " kW differs from the site's"
                    + " contractedDemandKw " + fmt(site) + " kW; remove it to use the site's, or correct one of them"
                    + " (与厂区合同最大需量不一致)");
            warnings.add(e.toString());
        }
    }

    private static String fmt(double kw) {
        return kw == Math.rint(kw) ? Long.toString((long) kw) : Double.toString(kw);
    }
}
