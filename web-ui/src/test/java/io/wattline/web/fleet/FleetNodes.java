package io.wattline.web.fleet;

import io.wattline.historian.influx.LocalInfluxd;
import io.wattline.web.WattlineApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the nodes of the fleet tests in this JVM (an edge of the demo plant or of a plant file, a
 * central) and writes their group file: two sites, site b with its own plant file {@code plant-b.yaml}
 * next to the group file.
 */
final class FleetNodes {

    private FleetNodes() {
    }

    /** The group file {@code name} in {@code dir}: sites a (the demo) and b ({@code plant-b.yaml}), central-1. */
    static Path groupFile(Path dir, String name, String broker, Duration keepAlive) throws Exception {
        return Files.writeString(dir.resolve(name), String.join("\n",
                "group: plants",
                "broker: " + broker,
                "keep_alive: " + keepAlive.toSeconds() + "s",
                "sites:",
                "  - id: site-a",
                "    edges: [edge-a]",
                "  - id: site-b",
                "    plant: plant-b.yaml",
                "    edges: [edge-b]",
                "centrals: [central-1]", ""));
    }

    /**
     * Starts node {@code node} with its data under {@code dir/node}; {@code site}: its InfluxDB site
     * tag if set; {@code plant}: run that plant file ({@code run --config}), null: the demo plant.
     */
    static ConfigurableApplicationContext start(List<ConfigurableApplicationContext> apps, Path dir, String node,
            String role, Path group, LocalInfluxd influxd, String site, Path plant) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                plant == null ? "--wattline.demo=true" : "--wattline.config=" + plant,
                "--wattline.data-dir=" + dir.resolve(node), "--wattline.fleet.role=" + role,
                "--wattline.fleet.group=" + group, "--wattline.fleet.node=" + node));
        if (influxd != null) {
            args.add("--wattline.historian.influx.url=" + influxd.url());
            args.add("--wattline.historian.influx.database=fleet");
        }
        if (site != null) {
            args.add("--wattline.historian.influx.site=" + site);
        }
        ConfigurableApplicationContext app = SpringApplication.run(WattlineApplication.class, args.toArray(String[]::new));
        apps.add(app);
        return app;
    }
}
