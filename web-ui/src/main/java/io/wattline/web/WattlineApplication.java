package io.wattline.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import io.wattline.web.historian.HistorianProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The Spring Boot application: the wiring of the plain-Java modules plus the REST, SSE and page. */
@SpringBootApplication
@EnableConfigurationProperties({WattlineProperties.class, HistorianProperties.class})
public class WattlineApplication {
}
