package io.wattline.reports.model;

import java.time.LocalDateTime;
import java.util.List;

/** A chart of a PDF report, drawn by JFreeChart: what to draw, never how. */
public sealed interface ChartSpec {

    String title();

    /** One labelled value. */
    record Slice(String label, double value) {
    }

    /** One point of a time series (plant-local time). */
    record Point(LocalDateTime time, double value) {
    }

    /** Shares of a whole (share per cost centre, per carrier). */
    record Pie(String title, List<Slice> slices) implements ChartSpec {
        public Pie {
            slices = List.copyOf(slices);
        }
    }

    /** Values per category (consumption per band, per day). */
    record Bars(String title, String valueAxis, List<Slice> bars) implements ChartSpec {
        public Bars {
            bars = List.copyOf(bars);
        }
    }

    /** A profile over time, with an optional horizontal limit (the contracted demand). */
    record Profile(String title, String valueAxis, List<Point> points, Double limit, String limitLabel)
            implements ChartSpec {
        public Profile {
            points = List.copyOf(points);
        }
    }
}
