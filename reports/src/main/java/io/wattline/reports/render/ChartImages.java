package io.wattline.reports.render;

import io.wattline.reports.model.ChartSpec;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.TimeZone;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.general.DefaultPieDataset;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * Draws a report's {@link ChartSpec} with JFreeChart, in the report font so Chinese labels show.
 * Times are plant-local: they are drawn on a UTC axis so the labels read as the local clock.
 */
public final class ChartImages {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // servers have no display
        }
    }

    private ChartImages() {
    }

    /** The chart as an image of {@code width} × {@code height} pixels. */
    public static BufferedImage draw(ChartSpec spec, int width, int height) {
        JFreeChart chart;
        if (spec instanceof ChartSpec.Pie p) {
            DefaultPieDataset<String> data = new DefaultPieDataset<>();
            p.slices().forEach(s -> data.setValue(s.label(), s.value()));
            chart = ChartFactory.createPieChart(p.title(), data, true, false, false);
            ((org.jfree.chart.plot.PiePlot<?>) chart.getPlot()).setLabelGenerator(
                    new org.jfree.chart.labels.StandardPieSectionLabelGenerator("{0} {2}"));
        } else if (spec instanceof ChartSpec.Bars b) {
            DefaultCategoryDataset data = new DefaultCategoryDataset();
            b.bars().forEach(s -> data.addValue(s.value(), b.valueAxis(), s.label()));
            chart = ChartFactory.createBarChart(b.title(), null, b.valueAxis(), data);
            if (b.bars().size() > 12) {
                chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(
                        org.jfree.chart.axis.CategoryLabelPositions.UP_90);
            }
        } else {
            chart = profile((ChartSpec.Profile) spec);
        }
        theme().apply(chart);
        chart.setBackgroundPaint(Color.WHITE);
        return chart.createBufferedImage(width, height);
    }

    private static JFreeChart profile(ChartSpec.Profile p) {
        TimeSeries series = new TimeSeries(p.valueAxis());
        p.points().forEach(pt -> series.addOrUpdate(new FixedMillisecond(Date.from(pt.time().toInstant(ZoneOffset.UTC))),
                pt.value()));
        JFreeChart chart = ChartFactory.createTimeSeriesChart(p.title(), null, p.valueAxis(),
                new TimeSeriesCollection(series), false, false, false);
        XYPlot plot = chart.getXYPlot();
        ((DateAxis) plot.getDomainAxis()).setTimeZone(TimeZone.getTimeZone("UTC"));
        ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        if (p.limit() != null) {
            ValueMarker limit = new ValueMarker(p.limit(), Color.RED, new BasicStroke(2f));
            limit.setLabel(p.limitLabel() + " " + p.limit() + " " + p.valueAxis());
            limit.setLabelFont(ReportFont.awt(12f));
            limit.setLabelPaint(Color.RED);
            limit.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            limit.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(limit);
            double top = Math.max(p.limit() * 1.1, p.points().stream().mapToDouble(ChartSpec.Point::value).max().orElse(0));
            plot.getRangeAxis().setUpperBound(Math.max(top, plot.getRangeAxis().getUpperBound()));
        }
        return chart;
    }

    private static StandardChartTheme theme() {
        StandardChartTheme theme = new StandardChartTheme("wattline");
        Font base = ReportFont.awt(13f);
        theme.setExtraLargeFont(base.deriveFont(Font.BOLD, 18f));
        theme.setLargeFont(base.deriveFont(15f));
        theme.setRegularFont(base);
        theme.setSmallFont(base.deriveFont(11f));
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(new Color(0xDDDDDD));
        theme.setRangeGridlinePaint(new Color(0xDDDDDD));
        return theme;
    }
}
