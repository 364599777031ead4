package io.wattline.web.accounting;

import io.wattline.analytics.kpi.LineKpis;
import io.wattline.analytics.service.SharedReports;
import io.wattline.core.plant.Plant;
import io.wattline.web.api.InvalidParameterException;
import java.util.List;

/**
 * A node that collects (a single plant or an edge): its own plant's figures, for no site given or
 * one of its plant's sites.
 */
public record LocalSiteAnalytics(SharedReports reports, LineKpis kpis, Plant plant, List<String> sites)
        implements SiteAnalytics {

    public LocalSiteAnalytics {
        sites = List.copyOf(sites);
    }

    @Override
    public SharedReports reports(String site) {
        check(site);
        return reports;
    }

    @Override
    public LineKpis kpis(String site) {
        check(site);
        return kpis;
    }

    @Override
    public Plant plant(String site) {
        check(site);
        return plant;
    }

    private void check(String site) {
        if (site != null && !site.isBlank() && !sites.contains(site)) {
            throw new InvalidParameterException("site", "a site of this plant " + sites
                    + " (other sites are read at a central node, docs/fleet.md)", site);
        }
    }
}
