package io.wattline.web;

import io.wattline.core.device.DeviceCollector;
import io.wattline.reports.schedule.ReportScheduler;
import io.wattline.web.opcua.NorthboundStartup;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts what the first page does not need once the web server serves (issue 12, fast start), on
 * one background thread: every {@link DeviceCollector} first (connections, certificates and
 * subscriptions; the pages show the devices connecting meanwhile), then the demo's simulated line PLC
 * (held until now: its key is seconds of CPU; awaited), then the report scheduler (Quartz and its
 * catch-up), then the north-bound OPC UA server (its key made once per data directory). The RSA keys
 * of a first start are made one after the other, so on a 2-core machine one core stays for the pages.
 */
@Component
public class DeviceStartup {

    private static final Logger log = LoggerFactory.getLogger(DeviceStartup.class);

    private final List<DeviceCollector> collectors;
    private final ObjectProvider<ReportScheduler> reports;
    private final ObjectProvider<io.wattline.web.fleet.SiteReportSchedulers> siteReports;
    private final boolean reportsEnabled;
    private final ObjectProvider<NorthboundStartup> northbound;
    private final RunningPlant plant;

    public DeviceStartup(List<DeviceCollector> collectors, ObjectProvider<ReportScheduler> reports,
            ObjectProvider<io.wattline.web.fleet.SiteReportSchedulers> siteReports,
            @Value("${wattline.reports.scheduler.enabled:true}") boolean reportsEnabled,
            ObjectProvider<NorthboundStartup> northbound, RunningPlant plant) {
        this.plant = plant;
        this.collectors = collectors;
        this.reports = reports;
        this.siteReports = siteReports;
        this.reportsEnabled = reportsEnabled;
        this.northbound = northbound;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void startCollectors() {
        Thread t = new Thread(() -> {
            collectors.forEach(c -> {
                try {
                    c.start();
                } catch (RuntimeException e) {
                    log.error("the {} collector did not start: {}", c.protocol(), e.getMessage(), e);
                }
            });
            if (plant.isDemo()) {
                // after the collectors (an OPC UA collector's first key is made in its start) and before the
                // report scheduler and the north-bound server (its key): one RSA key at a time, so the
                // other core serves the first pages; the OPC UA collector retries until the PLC serves
                plant.simulator().releaseLinePlcsAndWait();
            }
            if (reportsEnabled) {
                reports.ifAvailable(r -> {
                    try {
                        r.start();
                    } catch (RuntimeException e) {
                        log.error("the report scheduler did not start: {}", e.getMessage(), e);
                    }
                });
                siteReports.ifAvailable(io.wattline.web.fleet.SiteReportSchedulers::start);
            }
            northbound.ifAvailable(NorthboundStartup::start);
        }, "device-startup");
        t.setDaemon(true);
        t.start();
    }
}
