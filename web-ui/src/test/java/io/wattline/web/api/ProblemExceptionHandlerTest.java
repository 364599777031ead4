package io.wattline.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The last-resort error answer: an unexpected exception is a 500 problem body with a correlation id
 * and no trace of the exception, and the log line has the same id and the stack trace; a framework
 * status (an unknown route) is a problem with the status and the route named.
 */
class ProblemExceptionHandlerTest {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @BeforeEach
    void capture() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
    }

    @Test
    void anUnexpectedExceptionIsA500ProblemWithACorrelationIdThatTheLogHas() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/consumption"));
        new ProblemExceptionHandler().handle(exchange, new IllegalStateException("secret internals at row 42"))
                .block(Duration.ofSeconds(5));

        assertEquals(HttpStatus.INTERNAL_SERVER_ERROR, exchange.getResponse().getStatusCode());
        assertEquals("application/problem+json", exchange.getResponse().getHeaders().getContentType().toString());
        String body = exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5));
        JsonNode problem = JsonMapper.builder().build().readTree(body);
        assertEquals(500, problem.path("status").asInt());
        assertEquals("/problems/internal-server-error", problem.path("type").asString());
        String id = problem.path("correlationId").asString();
        assertFalse(id.isBlank(), body);
        assertTrue(problem.path("detail").asString().contains(id), "the detail names the id: " + body);
        assertFalse(body.contains("secret internals") || body.contains("IllegalStateException")
                || body.contains("at io.wattline"), "nothing of the exception in the body: " + body);

        ILoggingEvent line = logged.list.stream().filter(e -> e.getFormattedMessage().contains(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no log line with " + id + ": " + logged.list));
        assertTrue(line.getFormattedMessage().contains("GET /api/consumption"), line.getFormattedMessage());
        assertEquals("secret internals at row 42", line.getThrowableProxy().getMessage(), "the log has the cause");
    }

    @Test
    void aFrameworkStatusIsAProblemNamingTheRoute() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/no-such-route"));
        new ProblemExceptionHandler().handle(exchange, new ResponseStatusException(HttpStatus.NOT_FOUND))
                .block(Duration.ofSeconds(5));

        assertEquals(HttpStatus.NOT_FOUND, exchange.getResponse().getStatusCode());
        assertEquals("application/problem+json", exchange.getResponse().getHeaders().getContentType().toString());
        JsonNode problem = JsonMapper.builder().build().readTree(exchange.getResponse().getBodyAsString()
                .block(Duration.ofSeconds(5)));
        assertEquals(404, problem.path("status").asInt());
        assertTrue(problem.path("detail").asString().contains("GET /api/no-such-route"), problem.toString());
        assertTrue(problem.path("detail").asString().contains("找不到"), problem.toString());
        assertTrue(logged.list.isEmpty(), "a 404 is no error of the server: " + logged.list);
    }
}
