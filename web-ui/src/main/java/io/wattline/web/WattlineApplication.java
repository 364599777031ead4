package io.wattline.web;

import io.wattline.web.historian.HistorianProperties;
import io.wattline.web.operations.ApiDescriptionOnFirstUse;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The Spring Boot application: the wiring of the plain-Java modules plus the REST, SSE and page. */
@SpringBootApplication
@EnableConfigurationProperties({WattlineProperties.class, HistorianProperties.class})
public class WattlineApplication {

    /** springdoc's OpenAPI description is built on its first request, not during the start. */
    @Bean
    static BeanFactoryPostProcessor apiDescriptionOnFirstUse() {
        return new ApiDescriptionOnFirstUse();
    }
}
