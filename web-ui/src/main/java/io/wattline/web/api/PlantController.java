package io.wattline.web.api;

import io.wattline.core.plant.Plant;
import io.wattline.core.plant.ShiftInstance;
import io.wattline.web.RunningPlant;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The plant tree for the UI: sites, areas, lines, equipment and the meters in them; and the shift
 * in progress from the plant's shift calendar, in the plant's time zone.
 */
@RestController
public class PlantController {

    private final PlantTree tree;
    private final Plant plant;
    private final Clock clock;
    private final boolean demo;
    private final java.util.function.Supplier<io.wattline.web.accounting.SiteAnalytics> sites;

    public PlantController(RunningPlant plant) {
        this(plant, Clock.systemUTC());
    }

    public PlantController(RunningPlant plant, Clock clock) {
        this.tree = PlantTree.of(plant.plant(), plant.isDemo());
        this.plant = plant.plant();
        this.clock = clock;
        this.demo = plant.isDemo();
        this.sites = () -> null;
    }

    /** {@code sites}: the plant model of each site ({@code ?site=}; at a central each site's own plant file). */
    @Autowired
    public PlantController(RunningPlant plant, Clock clock,
            org.springframework.beans.factory.ObjectProvider<io.wattline.web.accounting.SiteAnalytics> sites) {
        this.tree = PlantTree.of(plant.plant(), plant.isDemo());
        this.plant = plant.plant();
        this.clock = clock;
        this.demo = plant.isDemo();
        this.sites = sites::getIfAvailable;
    }

    public PlantTree plant() {
        return tree;
    }

    /**
     * The plant tree; with {@code site} that site's (at a central node the site's own plant model:
     * its meters, lines and time zone), a 400 naming the sites for an unknown one.
     */
    @GetMapping("/api/plant")
    public PlantTree plant(@RequestParam(name = "site", required = false) String site) {
        io.wattline.web.accounting.SiteAnalytics all = sites.get();
        if (site == null || site.isBlank() || all == null) {
            return tree;
        }
        Plant chosen = all.plant(site);
        return chosen == plant ? tree : PlantTree.of(chosen, demo);
    }

    /** One shift occurrence: which shift, its production day and crew, its start and end in the plant's zone. */
    public record ShiftView(String id, String name, LocalDate productionDay, String crew, String start, String end) {
        static ShiftView of(ShiftInstance s) {
            return new ShiftView(s.shift().id(), s.shift().name(), s.productionDay(), s.crew(),
                    s.start().toOffsetDateTime().toString(), s.end().toOffsetDateTime().toString());
        }
    }

    /**
     * The shift in progress ({@code ?at=} an instant, default now) from the plant's shift calendar;
     * 404 with a problem body when the plant file has no {@code shifts:}.
     */
    @GetMapping("/api/plant/shift")
    public ResponseEntity<Object> shift(@RequestParam(required = false) String at) {
        if (plant.shiftCalendar() == null || plant.shiftCalendar().shifts().isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(ApiError.PROBLEM_JSON)
                    .body(new ApiError(404, "not_found", "the plant has no shift calendar: add 'shifts:' to the plant"
                            + " file (工厂配置中没有班次日历：请在配置文件中添加 shifts:)", null, null, null));
        }
        Instant when;
        try {
            when = at == null || at.isBlank() ? clock.instant() : Instant.parse(at);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidParameterException("at", "an instant such as 2026-12-02T08:00:00Z", at);
        }
        ZoneId zone = plant.zone() == null ? ZoneId.of("UTC") : plant.zone();
        return ResponseEntity.ok(ShiftView.of(plant.shiftCalendar().shiftAt(when.atZone(zone))));
    }
}
