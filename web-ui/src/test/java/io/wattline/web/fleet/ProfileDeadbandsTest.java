package io.wattline.web.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.config.PointCatalogues;
import io.wattline.config.ProfileLibrary;
import io.wattline.core.PointId;
import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.plant.Plant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An edge's report-by-exception bands come from its meters' profiles (the demo line PLC's drive power: 0.5 kW). */
class ProfileDeadbandsTest {

    @Test
    void theDemoLinePlcsDrivePowerReportsBeyondItsProfilesHalfKilowattOnly() throws Exception {
        ProfileLibrary library = ProfileLibrary.builtIn();
        Plant demo = library.plantLoader().loadResource("demo/plant.yaml");
        PointCatalogue catalogue = PointCatalogues.build(demo, library::findModbus, library::findOpcUa);

        Map<PointId, Double> bands = FleetWiring.profileDeadbands(catalogue, library);

        PointId drive = catalogue.all().stream().map(CataloguedPoint::id)
                .filter(id -> id.point().equals("drive_power")).findFirst().orElseThrow();
        assertEquals(Map.of(drive, 0.5), bands, "only the profile that declares a band gives one; counters never");
        assertTrue(catalogue.all().stream().anyMatch(p -> p.quantity().isCounter()), "the demo has counters");
    }
}
