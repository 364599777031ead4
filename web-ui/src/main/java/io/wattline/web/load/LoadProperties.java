package io.wattline.web.load;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wattline.load.*}: how much report work the server takes at once (docs/configuration.md#sizing).
 *
 * @param reportThreads reports computed at once (consumption, CSV/XLSX exports, KPIs)
 * @param reportQueue   reports waiting beyond those; more get 503 with Retry-After
 * @param reportTimeout longest one report may run before it is stopped (503)
 */
@ConfigurationProperties(prefix = "wattline.load")
public record LoadProperties(
        @DefaultValue("2") int reportThreads,
        @DefaultValue("8") int reportQueue,
        @DefaultValue("60s") Duration reportTimeout) {
}
