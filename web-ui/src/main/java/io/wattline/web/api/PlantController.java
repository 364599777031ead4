package io.wattline.web.api;

import io.wattline.web.RunningPlant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The plant tree for the UI: sites, areas, lines, equipment and the meters in them. */
@RestController
public class PlantController {

    private final PlantTree tree;

    public PlantController(RunningPlant plant) {
        this.tree = PlantTree.of(plant.plant(), plant.isDemo());
    }

    @GetMapping("/api/plant")
    public PlantTree plant() {
        return tree;
    }
}
