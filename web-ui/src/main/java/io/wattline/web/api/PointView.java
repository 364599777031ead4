package io.wattline.web.api;

import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.fleet.central.FleetPoint;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import java.time.Instant;

/**
 * One catalogued point (a profile's or a device's {@code comm_*} health point) and its latest
 * sample as the API shows it ({@code /api/points/latest} and each SSE {@code sample} event). {@code value}, {@code quality}, {@code reason} and {@code time} are null
 * while the point has no sample; {@code value} is null for a BAD sample.
 *
 * @param id {@code meter.point}
 * @param site the point's site (on a central node, the site whose edge published it), or null
 */
public record PointView(String id, String meter, String meterName, String point, String quantity,
        Double value, String unit, Quality quality, String reason, Instant time, String site) {

    public PointView(String id, String meter, String meterName, String point, String quantity,
            Double value, String unit, Quality quality, String reason, Instant time) {
        this(id, meter, meterName, point, quantity, value, unit, quality, reason, time, null);
    }

    public static PointView of(CataloguedPoint info, Sample sample) {
        String site = info.place().siteId();
        if (sample == null) {
            return new PointView(info.id().toString(), info.meterId(), info.meterName(), info.id().point(),
                    info.quantity().name(), null, info.unit(), null, null, null, site);
        }
        return new PointView(info.id().toString(), info.meterId(), info.meterName(), info.id().point(),
                info.quantity().name(), finiteOrNull(sample.value()), info.unit(), sample.quality(),
                sample.reason().isEmpty() ? null : sample.reason(), sample.time(), site);
    }

    /** A point of some site as a central node knows it from the broker (stale ones carry the reason). */
    public static PointView of(FleetPoint p) {
        return new PointView(p.pointId(), p.device(), p.meterName(), p.metric(), p.quantity(), p.value(), p.unit(),
                p.quality(), p.reason(), p.time(), p.site());
    }

    /** JSON has no NaN: a value that is not a number is shown as absent. */
    static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
