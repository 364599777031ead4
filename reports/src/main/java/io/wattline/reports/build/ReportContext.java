package io.wattline.reports.build;

import io.wattline.analytics.kpi.LineKpis;
import io.wattline.analytics.service.AccountingService;
import io.wattline.core.plant.Plant;
import io.wattline.core.tariff.TouTariff;
import io.wattline.historian.SeriesReader;
import io.wattline.reports.bills.BillRegister;
import java.util.Optional;

/**
 * What report builders read: the plant, its accounting (the figures of {@code GET /api/consumption}),
 * the line KPIs (energy review; null when not wired), the historian's reader (register readings),
 * the tariff the accounting prices with, and the utility bills finance entered.
 */
public record ReportContext(Plant plant, AccountingService accounting, LineKpis kpis, SeriesReader reader,
        TouTariff tariff, BillRegister bills) {

    public Optional<TouTariff> priced() {
        return Optional.ofNullable(tariff);
    }
}
