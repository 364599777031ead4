package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;

/**
 * {@link io.wattline.web.operations.ApiDescriptionOnFirstUse} in the demo as {@code wattline demo} starts it: springdoc has built nothing when the server starts
 * serving (issue 12, fast start), and the first {@code /v3/api-docs} request still describes the API.
 */
@Tag("integration")
@Timeout(180)
class ApiDescriptionOnFirstUseTest {

    /** springdoc's beans that cost the start most (names from springdoc-openapi 3.0). */
    private static final List<String> EXPENSIVE = List.of("springdocObjectMapperProvider",
            "openAPIBuilder", "operationBuilder", "openApiResource");

    @TempDir
    Path data;

    @Test
    void theDescriptionIsBuiltOnItsFirstRequestAndDescribesTheApi() throws Exception {
        LaunchArguments demo = LaunchArguments.parse("demo", "--port", "0", "--opcua-port", "0", "--data", data.toString());
        try (ConfigurableApplicationContext app = WattlineMain.start(demo)) {
            var factory = app.getBeanFactory();
            // what was 0.7 s of the start: the Jackson 2 mapper, the model converters, the builders and the controller
            List<String> built = EXPENSIVE.stream().filter(factory::containsSingleton).toList();
            assertTrue(built.isEmpty(), "springdoc beans built during the start: " + built);

            Map<String, Object> description = TestLogin.client(app).get().uri("/v3/api-docs").retrieve()
                    .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() { })
                    .block(Duration.ofSeconds(60));
            @SuppressWarnings("unchecked")
            Map<String, Object> paths = (Map<String, Object>) description.get("paths");
            assertTrue(paths != null && paths.containsKey("/api/points/{id}/series") && paths.containsKey("/api/energy-flow"),
                    "the first request describes the REST API: " + (paths == null ? description : paths.keySet()));
            assertTrue(EXPENSIVE.stream().allMatch(factory::containsSingleton), "built on first use, missing: "
                    + EXPENSIVE.stream().filter(name -> !factory.containsSingleton(name)).toList());
        }
    }
}
