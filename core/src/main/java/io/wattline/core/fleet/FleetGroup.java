package io.wattline.core.fleet;

import io.wattline.core.Quantity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A group file: one Sparkplug group of plants, the broker every node connects to, each site with
 * its edge nodes, and the central nodes (docs/fleet.md). Each edge's plant file is unchanged.
 *
 * @param group     the Sparkplug group id
 * @param broker    MQTT server URI, {@code tcp://host:port} or {@code ssl://host:port}
 * @param username  MQTT user, or null; the password never lives in this file (WATTLINE_MQTT_PASSWORD)
 * @param keepAlive MQTT keep-alive: the broker declares a silent node dead after 1.5 times this
 * @param deadbands absolute report-by-exception deadbands per quantity (in its unit); others report every change
 */
public record FleetGroup(String group, String broker, String username, Duration keepAlive, List<Site> sites,
        List<String> centrals, Map<Quantity, Double> deadbands) {

    public FleetGroup {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(keepAlive, "keepAlive");
        sites = List.copyOf(sites);
        centrals = List.copyOf(centrals);
        deadbands = Map.copyOf(deadbands);
    }

    /**
     * One plant of the group and the edge nodes that publish it.
     *
     * @param plant the site's plant file (resolved against the group file's folder), which a central
     *              node uses for the site's figures; null: the central's own plant file
     */
    public record Site(String id, String name, List<String> edges, Path plant) {
        public Site {
            Objects.requireNonNull(id, "id");
            name = name == null || name.isBlank() ? id : name;
            edges = List.copyOf(edges);
        }

        /** A site without a plant file of its own (the central's plant describes it). */
        public Site(String id, String name, List<String> edges) {
            this(id, name, edges, null);
        }
    }

    /** The site an edge node publishes, if the group names that edge. */
    public Optional<Site> siteOfEdge(String edgeNode) {
        return sites.stream().filter(s -> s.edges().contains(edgeNode)).findFirst();
    }

    public Optional<Site> site(String id) {
        return sites.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
