package io.wattline.web;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code wattline.*} properties the launcher sets.
 *
 * @param dataDir where the embedded historian keeps its files
 * @param config  the plant configuration file; ignored in demo mode
 * @param demo    run the built-in demo plant against an in-process simulator
 */
@ConfigurationProperties(prefix = "wattline")
public record WattlineProperties(
        @DefaultValue("data") Path dataDir,
        Path config,
        @DefaultValue("false") boolean demo) {
}
