package io.wattline.web.opcua;

import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.core.catalogue.PlantPlace;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.plant.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Places every catalogued point (health points included) in the plant tree the north-bound server
 * publishes, where the catalogue says its meter sits.
 */
final class ExposedPoints {

    /** Folder for meters that belong to no line and no area. */
    static final String NO_GROUP = "_site";

    private ExposedPoints() {
    }

    static List<ExposedPoint> of(PointCatalogue catalogue) {
        String firstSite = catalogue.plant().sites().stream().map(Site::id).findFirst().orElse("_plant");
        List<ExposedPoint> out = new ArrayList<>();
        for (CataloguedPoint p : catalogue.all()) {
            PlantPlace place = p.place();
            String site = place.siteId() != null ? place.siteId() : firstSite;
            String group = place.lineId() != null ? place.lineId() : place.areaId();
            String what = p.health() ? p.id().point() : p.quantity().name().toLowerCase(Locale.ROOT);
            out.add(new ExposedPoint(p.id(), site, group == null ? NO_GROUP : group, p.meterId(), p.id().point(),
                    p.unit(), p.meterName() + ": " + what));
        }
        return out;
    }
}
