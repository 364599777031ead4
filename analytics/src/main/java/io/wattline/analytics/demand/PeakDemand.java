package io.wattline.analytics.demand;

import java.time.YearMonth;

/** The month's maximum block demand; ties go to the earliest block. */
public record PeakDemand(YearMonth month, BlockDemand block) {
}
