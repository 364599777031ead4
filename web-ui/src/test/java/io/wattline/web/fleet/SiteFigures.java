package io.wattline.web.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Reads a site's accounting figures from an edge (its local store) and from a central node (the
 * site's history in InfluxDB, {@code site=...}) and checks they are the same: every row's and
 * total's value (kWh for electricity) and cost to 10⁻⁶, every label, the CSV download byte for byte.
 */
final class SiteFigures {

    static final double TOLERANCE = 1e-6;
    private static final Duration HTTP = Duration.ofSeconds(120);

    private SiteFigures() {
    }

    static Map<String, Object> json(WebClient api, String uri) {
        try {
            return api.get().uri(uri).retrieve()
                    .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() { }).block(HTTP);
        } catch (WebClientResponseException e) {
            throw new AssertionError(uri + ": " + e.getStatusCode() + " " + e.getResponseBodyAsString(), e);
        }
    }

    static String text(WebClient api, String uri) {
        return api.get().uri(uri).retrieve().bodyToMono(String.class).block(HTTP);
    }

    /** The consumption report {@code query} on the edge equals the central's for {@code site}; returns its kWh sum. */
    static double assertSameConsumption(WebClient edge, WebClient central, String site, String query) {
        Map<String, Object> local = json(edge, "/api/consumption?" + query);
        Map<String, Object> remote = json(central, "/api/consumption?" + query + "&site=" + site);
        List<Map<String, Object>> rows = rows(local, "rows");
        List<Map<String, Object>> centralRows = rows(remote, "rows");
        assertEquals(rows.size(), centralRows.size(), site + " " + query + ": rows");
        assertTrue(!rows.isEmpty(), site + " " + query + ": the report has rows");
        double kwh = 0;
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> a = rows.get(i);
            Map<String, Object> b = centralRows.get(i);
            String what = site + " " + query + " row " + a.get("groupId") + " " + a.get("periodLabel");
            assertEquals(a.get("groupId"), b.get("groupId"), what);
            assertEquals(a.get("periodLabel"), b.get("periodLabel"), what);
            assertEquals(a.get("unit"), b.get("unit"), what);
            assertClose(a.get("value"), b.get("value"), what + " value");
            assertClose(a.get("cost"), b.get("cost"), what + " cost");
            if ("kWh".equals(a.get("unit"))) {
                kwh += ((Number) a.get("value")).doubleValue();
            }
        }
        List<Map<String, Object>> totals = rows(local, "totals");
        List<Map<String, Object>> centralTotals = rows(remote, "totals");
        assertEquals(totals.size(), centralTotals.size(), site + " " + query + ": totals");
        for (int i = 0; i < totals.size(); i++) {
            assertClose(totals.get(i).get("value"), centralTotals.get(i).get("value"), site + " total " + i);
            assertClose(totals.get(i).get("cost"), centralTotals.get(i).get("cost"), site + " total cost " + i);
        }
        assertEquals(local.get("resolution"), remote.get("resolution"), site + " " + query + ": read path");
        assertSameCsv(text(edge, "/api/consumption.csv?" + query),
                text(central, "/api/consumption.csv?" + query + "&site=" + site), site + " " + query + ": CSV");
        return kwh;
    }

    /** The same CSV: every text cell equal, every number to {@link #TOLERANCE}. */
    private static void assertSameCsv(String expected, String actual, String what) {
        String[] a = expected.split("\n");
        String[] b = actual.split("\n");
        assertEquals(a.length, b.length, what + ": lines");
        for (int i = 0; i < a.length; i++) {
            String[] x = a[i].split(",", -1);
            String[] y = b[i].split(",", -1);
            assertEquals(x.length, y.length, what + " line " + i);
            for (int j = 0; j < x.length; j++) {
                Double u = number(x[j]);
                Double v = number(y[j]);
                if (u != null && v != null) {
                    assertEquals(u, v, TOLERANCE, what + " line " + i + " cell " + j);
                } else {
                    assertEquals(x[j], y[j], what + " line " + i + " cell " + j);
                }
            }
        }
    }

    private static Double number(String cell) {
        try {
            return Double.valueOf(cell);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Line 1's specific consumption (energy and production, read from the PLC's counter) on the edge equals the central's. */
    static void assertSameKpi(WebClient edge, WebClient central, String site, String query) {
        Map<String, Object> local = json(edge, "/api/kpi/specific-consumption?" + query);
        Map<String, Object> remote = json(central, "/api/kpi/specific-consumption?" + query + "&site=" + site);
        List<Map<String, Object>> periods = rows(local, "periods");
        assertEquals(periods.size(), rows(remote, "periods").size(), site + " KPI periods");
        for (int i = 0; i < periods.size(); i++) {
            assertClose(periods.get(i).get("energy"), rows(remote, "periods").get(i).get("energy"), site + " KPI energy");
            assertClose(periods.get(i).get("production"), rows(remote, "periods").get(i).get("production"),
                    site + " KPI production");
        }
    }

    /** A central node reports one site at a time: without {@code site} it answers 400 naming the parameter. */
    static void assertSiteRequired(WebClient central) {
        WebClientResponseException e = org.junit.jupiter.api.Assertions.assertThrows(WebClientResponseException.class,
                () -> central.get().uri("/api/consumption?group=line").retrieve().bodyToMono(String.class).block(HTTP));
        assertEquals(400, e.getStatusCode().value());
        assertTrue(e.getResponseBodyAsString().contains("\"site\""), e.getResponseBodyAsString());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> report, String key) {
        return (List<Map<String, Object>>) report.get(key);
    }

    private static void assertClose(Object expected, Object actual, String what) {
        if (expected == null) {
            assertNull(actual, what);
            return;
        }
        assertNotNull(actual, what);
        assertEquals(((Number) expected).doubleValue(), ((Number) actual).doubleValue(), TOLERANCE, what);
    }
}
