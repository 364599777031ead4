package io.wattline.web.accounting;

import io.wattline.analytics.kpi.LineKpis;
import io.wattline.analytics.service.SharedReports;
import io.wattline.core.plant.Plant;

/**
 * The accounting and KPIs of one site, chosen by the request's {@code site} parameter: on an edge or
 * a single plant this node's own plant (the parameter may be left out), on a central node each site
 * of the group, read from InfluxDB by the same analytics code. An unknown or missing site is a 400
 * naming the sites there are.
 */
public interface SiteAnalytics {

    /** The consumption reports of {@code site} (null: this node's own plant, where it has one). */
    SharedReports reports(String site);

    /** The KPIs and production counts of {@code site} (null: this node's own plant, where it has one). */
    LineKpis kpis(String site);

    /**
     * The plant model of {@code site} (meters, lines, cost centres, tariff, shifts, time zone): on a
     * central the site's own plant file from the group file, or the central's plant.
     */
    Plant plant(String site);
}
