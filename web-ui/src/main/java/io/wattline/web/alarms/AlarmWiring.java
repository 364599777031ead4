package io.wattline.web.alarms;

import io.wattline.alarms.AlarmEngine;
import io.wattline.alarms.journal.FileAlarmJournal;
import io.wattline.alarms.output.BeaconOutput;
import io.wattline.analytics.kpi.LineKpis;
import io.wattline.analytics.service.AccountedEnergyFigures;
import io.wattline.analytics.service.AccountingService;
import io.wattline.collector.live.SampleBus;
import io.wattline.collector.output.ModbusOutputSwitch;
import io.wattline.core.alarm.BeaconSettings;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.device.DeviceCollector;
import io.wattline.core.device.OutputSwitch;
import io.wattline.core.energy.EnergyFigures;
import io.wattline.core.notification.NotificationSettings;
import io.wattline.core.plant.Plant;
import io.wattline.notify.NotificationService;
import io.wattline.web.WattlineProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the alarm engine (rules from the plant file, journal under {@code <data>/alarms}, energy
 * figures from analytics) to the live samples and every collector's device health, and to what it
 * tells: notification ({@code <data>/notify}, when the plant has rosters) and the beacons. Secrets
 * the notification settings name are looked up in the environment (OS variables, then Spring
 * properties of the same name).
 */
@Configuration(proxyBeanMethods = false)
public class AlarmWiring {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmWiring.class);

    @Bean
    public EnergyFigures energyFigures(AccountingService accounting, LineKpis kpis) {
        return new AccountedEnergyFigures(accounting, kpis);
    }

    @Bean
    public RunningAlarms runningAlarms(PointCatalogue catalogue, EnergyFigures figures, WattlineProperties properties,
            Clock clock, SampleBus bus, List<DeviceCollector> collectors, Environment environment) {
        return start(catalogue, figures, properties, clock, bus, collectors, environment::getProperty);
    }

    /** The same without Spring (tests). */
    public static RunningAlarms start(PointCatalogue catalogue, EnergyFigures figures, WattlineProperties properties,
            Clock clock, SampleBus bus, List<DeviceCollector> collectors, Function<String, String> secrets) {
        Plant plant = catalogue.plant();
        AlarmEngine engine = AlarmEngine.create(catalogue, plant.alarms(), figures,
                FileAlarmJournal.open(properties.dataDir().resolve("alarms")), clock);
        Optional<NotificationService> notification = Optional.empty();
        List<OutputSwitch> switches = new ArrayList<>();
        List<BeaconOutput> beacons = new ArrayList<>();
        try {
            NotificationSettings settings = plant.notification();
            if (!settings.rosters().isEmpty()) {
                NotificationService service = NotificationService.start(settings, plant.zone(), plant.shiftCalendar(),
                        properties.dataDir(), engine, clock, secrets);
                notification = Optional.of(service);
                engine.addListener(service.listener());
            }
            for (BeaconSettings b : plant.alarms().beacons()) {
                ModbusOutputSwitch output = ModbusOutputSwitch.open(b, plant.connection(b.connection()).orElseThrow());
                switches.add(output);
                BeaconOutput beacon = new BeaconOutput(b, output);
                beacons.add(beacon);
                engine.addListener(beacon);
            }
        } catch (IOException e) {
            engine.close();
            throw new UncheckedIOException("cannot start notification under " + properties.dataDir() + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            switches.forEach(OutputSwitch::close);
            engine.close();
            throw e;
        }
        engine.start();
        bus.addListener(engine);
        collectors.forEach(c -> c.addHealthListener(engine));
        LOG.info("alarms: {} rules, notification {}, {} beacon(s)", plant.alarms().rules().size(),
                notification.isPresent() ? "on" : "off (no rosters)", beacons.size());
        return new RunningAlarms(engine, bus, notification, List.copyOf(beacons), List.copyOf(switches));
    }
}
