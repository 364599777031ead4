package io.wattline.core.plant;

import java.time.LocalDate;
import java.time.ZonedDateTime;

/** One occurrence of a shift: which shift, on which production day, worked by which crew. */
public record ShiftInstance(Shift shift, LocalDate productionDay, String crew,
        ZonedDateTime start, ZonedDateTime end) {
}
