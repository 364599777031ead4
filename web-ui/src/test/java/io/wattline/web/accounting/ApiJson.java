package io.wattline.web.accounting;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Reading the report endpoints' JSON in the API tests: a 200 body as a tree, a report's rows by group id. */
final class ApiJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiJson() {
    }

    /** The body of {@code GET uri}, which must answer 200. */
    static JsonNode get(WebTestClient client, String uri) {
        byte[] body = client.get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult()
                .getResponseBody();
        return JSON.readTree(body);
    }

    /** A consumption report's rows keyed by {@code groupId} (the last row of a group wins). */
    static Map<String, JsonNode> rowsById(JsonNode report) {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        report.get("rows").forEach(r -> rows.put(r.get("groupId").asString(), r));
        return rows;
    }
}
