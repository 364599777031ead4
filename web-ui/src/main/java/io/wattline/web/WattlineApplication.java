package io.wattline.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The Spring Boot application: the wiring of the plain-Java modules plus the REST, SSE and page. */
@SpringBootApplication
@EnableConfigurationProperties(WattlineProperties.class)
public class WattlineApplication {
}
