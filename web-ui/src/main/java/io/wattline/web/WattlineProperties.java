package io.wattline.web;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code wattline.*} properties the launcher sets.
 *
 * @param dataDir where the embedded historian keeps its files
 * @param config  the plant configuration file; ignored in demo mode
 * @param demo    run the built-in demo plant against an in-process simulator
 * @param profiles folders of the site's own device profiles ({@code --profiles DIR}), on top of the
 *                 shipped ones and of those the plant file names itself
 */
@ConfigurationProperties(prefix = "wattline")
public record WattlineProperties(
        @DefaultValue("data") Path dataDir,
        Path config,
        @DefaultValue("false") boolean demo,
        List<Path> profiles) {

    public WattlineProperties {
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
    }
}
