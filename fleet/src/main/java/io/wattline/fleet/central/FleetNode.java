package io.wattline.fleet.central;

import java.time.Instant;

/** One edge node's state at the central node: online since its NBIRTH, offline since its NDEATH (with why). */
public record FleetNode(String group, String edgeNode, String site, boolean online, Instant since, long bdSeq,
        int devices, String reason) {
}
