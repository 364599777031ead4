package io.wattline.web.reports;

import io.wattline.reports.ReportService;
import io.wattline.reports.bills.BillRegister;
import io.wattline.web.api.InvalidParameterException;
import java.util.List;

/**
 * The reports, archive and utility bills of one site, chosen by the request's {@code site}: on an
 * edge or a single plant its own (the parameter may be left out), on a central node each site's,
 * built over the site's history in InfluxDB with the archive and bills under {@code DATA/sites/<site>/}.
 */
public interface SiteReports {

    /** The report service of {@code site} (null: this node's own plant, where it has one). */
    ReportService reportService(String site);

    BillRegister bills(String site);

    /** A node that collects: its own plant's reports for no site or one of its sites. */
    record Local(ReportService reports, BillRegister bills, List<String> sites) implements SiteReports {

        public Local {
            sites = List.copyOf(sites);
        }

        @Override
        public ReportService reportService(String site) {
            check(site);
            return reports;
        }

        @Override
        public BillRegister bills(String site) {
            check(site);
            return bills;
        }

        private void check(String site) {
            if (site != null && !site.isBlank() && !sites.contains(site)) {
                throw new InvalidParameterException("site", "a site of this plant " + sites
                        + " (other sites are reported at a central node, docs/fleet.md)", site);
            }
        }
    }
}
