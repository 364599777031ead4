package io.wattline.web.opcua;

import io.wattline.collector.live.PointInfo;
import io.wattline.core.plant.Area;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.core.plant.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Places every collected point in the plant tree the north-bound server publishes. */
final class ExposedPoints {

    /** Folder for meters that belong to no line and no area. */
    static final String NO_GROUP = "_site";

    private ExposedPoints() {
    }

    static List<ExposedPoint> of(Plant plant, List<PointInfo> points) {
        List<ExposedPoint> out = new ArrayList<>();
        for (PointInfo p : points) {
            Optional<Meter> meter = plant.meters().stream().filter(m -> m.id().equals(p.meterId())).findFirst();
            String areaId = meter.map(Meter::areaId).orElse(null);
            String site = plant.areas().stream().filter(a -> a.id().equals(areaId)).map(Area::siteId).findFirst()
                    .orElseGet(() -> plant.sites().stream().map(Site::id).findFirst().orElse("_plant"));
            String group = meter.map(m -> m.lineId() != null ? m.lineId() : m.areaId()).orElse(null);
            out.add(new ExposedPoint(p.id(), site, group == null ? NO_GROUP : group, p.meterId(), p.id().point(),
                    p.unit(), p.meterName() + ": " + p.quantity().name().toLowerCase(java.util.Locale.ROOT)));
        }
        return out;
    }
}
