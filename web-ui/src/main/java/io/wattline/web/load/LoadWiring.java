package io.wattline.web.load;

import io.wattline.historian.Historian;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The report pool and the write guard, wired to the historian. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoadProperties.class)
public class LoadWiring {

    @Bean(destroyMethod = "close")
    public ReportPool reportPool(LoadProperties load, Historian historian) {
        return new ReportPool(load.reportThreads(), load.reportQueue(), load.reportTimeout(),
                historian::cancelReads);
    }

    @Bean
    public WriteGuard writeGuard(Historian historian) {
        return new WriteGuard(historian);
    }
}
