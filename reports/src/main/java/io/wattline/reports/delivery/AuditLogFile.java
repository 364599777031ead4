package io.wattline.reports.delivery;

import io.wattline.reports.JsonLinesFile;
import java.nio.file.Path;
import java.time.Clock;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** An append-only audit log of JSON lines, each forced to disk before {@link #record} returns. */
public final class AuditLogFile implements ReportAudit {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonLinesFile log;
    private final Clock clock;

    public AuditLogFile(Path file, Clock clock) {
        this.log = new JsonLinesFile(file, "the audit log");
        this.clock = clock;
    }

    @Override
    public void record(String actor, String action, String target, String detail) {
        ObjectNode n = JSON.createObjectNode();
        n.put("at", clock.instant().toString());
        n.put("actor", actor);
        n.put("action", action);
        n.put("target", target);
        n.put("detail", detail);
        log.append(JSON.writeValueAsString(n));
    }
}
