package dev.tripcast.htmlreport;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Category charts drawn with JFreeChart into PNG bytes, in one look: white background, light grid,
 * a colour-blind-safe palette (Okabe–Ito), fonts sized to stay readable when a phone shrinks the
 * image to about 350 px wide. Images are drawn at {@link #PIXEL_SCALE}× the CSS size so they stay
 * sharp on high-density screens. Rendering needs no display: {@code java.awt.headless} is set to
 * true on first use unless the JVM was started with a value.
 */
final class Plots {
  /** Image pixels per CSS pixel. */
  static final int PIXEL_SCALE = 2;
  /** CSS size of a chart, px. */
  static final int WIDTH_PX = 520;
  static final int HEIGHT_PX = 340;

  private static final Color[] PALETTE = {
      new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7),
      new Color(0x56B4E9), new Color(0xD55E00), new Color(0xF0E442), new Color(0x000000)};
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
  private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 14);

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Plots() {}

  /** Grouped vertical bars: one group per category, one bar per series. */
  static Chart bars(ChartSpec spec, List<String> categories, List<Series> series) {
    return render(spec, ChartFactory.createBarChart(spec.title(), spec.categoryAxis(), spec.valueAxis(),
        dataset(categories, series), PlotOrientation.VERTICAL, series.size() > 1, false, false), HEIGHT_PX);
  }

  /** Horizontal bars, categories top to bottom in the given order (for long labels such as zone names). */
  static Chart horizontalBars(ChartSpec spec, List<String> categories, List<Series> series) {
    int height = Math.max(HEIGHT_PX, 110 + 24 * categories.size() * Math.max(1, series.size()));
    return render(spec, ChartFactory.createBarChart(spec.title(), spec.categoryAxis(), spec.valueAxis(),
        dataset(categories, series), PlotOrientation.HORIZONTAL, series.size() > 1, false, false), height);
  }

  /** Stacked vertical bars: one bar per category, one stacked part per series. */
  static Chart stackedBars(ChartSpec spec, List<String> categories, List<Series> series) {
    return render(spec, ChartFactory.createStackedBarChart(spec.title(), spec.categoryAxis(), spec.valueAxis(),
        dataset(categories, series), PlotOrientation.VERTICAL, true, false, false), HEIGHT_PX);
  }

  /** Lines with a marker at every point, one line per series, and a line at zero (for signed values). */
  static Chart lines(ChartSpec spec, List<String> categories, List<Series> series) {
    JFreeChart chart = ChartFactory.createLineChart(spec.title(), spec.categoryAxis(), spec.valueAxis(),
        dataset(categories, series), PlotOrientation.VERTICAL, true, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
    for (int i = 0; i < series.size(); i++) {
      renderer.setSeriesStroke(i, new BasicStroke(2.5f));
    }
    plot.setRenderer(renderer);
    ValueMarker zero = new ValueMarker(0, Color.GRAY, new BasicStroke(1f));
    plot.addRangeMarker(zero);
    return render(spec, chart, HEIGHT_PX);
  }

  private static DefaultCategoryDataset dataset(List<String> categories, List<Series> series) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Series s : series) {
      for (String category : categories) {
        data.addValue(s.values().get(category), s.name(), category);
      }
    }
    return data;
  }

  private static Chart render(ChartSpec spec, JFreeChart chart, int heightPx) {
    style(chart);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ChartUtils.writeScaledChartAsPNG(png, chart, WIDTH_PX, heightPx, PIXEL_SCALE, PIXEL_SCALE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode chart '" + spec.title() + "' as PNG", e);
    }
    return new Chart(spec.title(), spec.caption(), png.toByteArray(), WIDTH_PX, heightPx);
  }

  private static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(TITLE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setItemFont(TICK);
      legend.setPosition(RectangleEdge.TOP);
      legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
    }
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setRangeGridlinePaint(new Color(0xDDDDDD));
    plot.setRangeGridlineStroke(new BasicStroke(1f));
    CategoryAxis x = plot.getDomainAxis();
    x.setLabelFont(LABEL);
    x.setTickLabelFont(TICK);
    x.setCategoryMargin(0.15);
    // A label may be wider than its category (JFreeChart would break "Manhattan" into "Manhatt/an");
    // many short labels ("0".."23") stay on one line in a smaller font.
    int categories = plot.getOrientation() == PlotOrientation.VERTICAL ? plot.getCategories().size() : 0;
    boolean many = categories > 12;
    x.setMaximumCategoryLabelWidthRatio(many ? 2.5f : categories > 5 ? 1.05f : 1.4f);
    x.setMaximumCategoryLabelLines(many ? 1 : 2);
    if (categories > 5) {
      x.setTickLabelFont(TICK.deriveFont(12f));
    }
    ValueAxis y = plot.getRangeAxis();
    y.setLabelFont(LABEL);
    y.setTickLabelFont(TICK);
    CategoryItemRenderer renderer = plot.getRenderer();
    if (renderer instanceof BarRenderer bars) {
      bars.setBarPainter(new StandardBarPainter());
      bars.setShadowVisible(false);
      bars.setItemMargin(0.03);
      bars.setDrawBarOutline(false);
      bars.setMaximumBarWidth(0.12);
    }
    if (plot.getOrientation() == PlotOrientation.HORIZONTAL) {
      plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_RIGHT);
    }
    for (int i = 0; i < plot.getDataset().getRowCount(); i++) {
      renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
    }
  }
}
