package io.wattline.historian.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.historian.StoredSample;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documented line layout: one line per device and time, value and quality fields, escaping. */
class LineProtocolTest {

    private static final Instant T0 = Instant.parse("2026-03-02T06:00:00.000001Z"); // 1772431200000001 us

    @Test
    void oneLinePerDeviceScanInFirstAppearanceOrder() {
        List<StoredSample> samples = List.of(
                stored(1, Sample.good(new PointId("mdb-main", "active_power_total"), T0, 41250.0)),
                stored(2, Sample.good(new PointId("line-1", "active_power_total"), T0, 7.5)),
                stored(3, Sample.bad(new PointId("mdb-main", "voltage_l1_n"), T0, "timeout")),
                stored(4, new Sample(new PointId("mdb-main", "active_power_total"), T0.plusSeconds(1), 1e-7,
                        Quality.UNCERTAIN, "stale")));
        List<String> lines = new LineProtocol("wattline", "demo-site").encode(samples);
        assertEquals(List.of(
                "wattline,device=mdb-main,site=demo-site active_power_total=41250.0,active_power_total_q=0i,voltage_l1_n_q=2i 1772431200000001",
                "wattline,device=line-1,site=demo-site active_power_total=7.5,active_power_total_q=0i 1772431200000001",
                "wattline,device=mdb-main,site=demo-site active_power_total=1.0E-7,active_power_total_q=1i 1772431201000001"),
                lines);
    }

    @Test
    void escapesSiteAndMeasurement() {
        List<String> lines = new LineProtocol("energy data", "plant 1,hall=2").encode(List.of(
                stored(1, Sample.good(new PointId("m1", "p"), Instant.EPOCH.minusNanos(1_000), 1.0))));
        assertEquals(List.of("energy\\ data,device=m1,site=plant\\ 1\\,hall\\=2 p=1.0,p_q=0i -1"), lines);
    }

    private static StoredSample stored(long seq, Sample sample) {
        return new StoredSample(seq, sample);
    }
}
