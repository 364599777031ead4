package io.wattline.web.fleet;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code wattline.fleet.*} properties the launcher sets from {@code --role}, {@code --group}
 * and {@code --node} (docs/fleet.md). Role {@code all} (the default) is a single plant as before:
 * no MQTT at all.
 *
 * @param role  {@code all}, {@code edge} (collects and publishes) or {@code central} (collects nothing, shows every site)
 * @param group the group file; required for edge and central
 * @param node  this node's id in the group file; for an edge it may be left out when the group names
 *              exactly one edge for the plant's site
 */
@ConfigurationProperties(prefix = "wattline.fleet")
public record FleetProperties(@DefaultValue("all") String role, Path group, String node) {

    /** The Spring condition of beans that only a node that collects has (not a central one). */
    public static final String COLLECTS = "'${wattline.fleet.role:all}' != 'central'";
}
