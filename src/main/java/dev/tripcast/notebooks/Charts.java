package dev.tripcast.notebooks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * JFreeChart figures of the exported notebooks, rendered headless to PNG at one fixed size
 * ({@link #WIDTH} × {@link #HEIGHT} pixels). Every chart has a title and axis labels with units;
 * the caption lives in the notebook's Markdown.
 */
final class Charts {
  /** Width of every figure, pixels. */
  static final int WIDTH = 800;
  /** Height of every figure, pixels. */
  static final int HEIGHT = 450;

  private static final Color BAR = new Color(0x3C, 0x6E, 0xA8);
  private static final Color MARKER = new Color(0xC0, 0x39, 0x2B);
  /** Series colours, in order (colour-blind friendly, after Okabe and Ito). */
  private static final Color[] PALETTE = {
      new Color(0x00, 0x72, 0xB2), new Color(0xE6, 0x9F, 0x00), new Color(0x00, 0x9E, 0x73),
      new Color(0xCC, 0x79, 0xA7), new Color(0x56, 0xB4, 0xE9), new Color(0xD5, 0x5E, 0x00),
      new Color(0xF0, 0xE4, 0x42), new Color(0x99, 0x99, 0x99)};

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /** One histogram bin: its lower edge and its count. */
  record Bin(double lower, long count) {}

  /**
   * A histogram of equal-width bins.
   *
   * @param bins the bins (empty bins may be left out)
   * @param width bin width, in the x unit
   * @param logCounts a logarithmic count axis (empty bins are then left out)
   * @param markers x values drawn as labelled vertical lines
   */
  static JFreeChart histogram(String title, String xLabel, String yLabel, List<Bin> bins, double width,
      boolean logCounts, List<Double> markers) {
    XYSeries series = new XYSeries("trips");
    for (Bin b : bins) {
      if (b.count() > 0 || !logCounts) {
        series.add(b.lower(), b.count());
      }
    }
    XYSeriesCollection data = new XYSeriesCollection(series);
    data.setIntervalWidth(width);
    data.setIntervalPositionFactor(0.0);
    JFreeChart chart = ChartFactory.createXYBarChart(title, xLabel, false, yLabel, data, PlotOrientation.VERTICAL,
        false, false, false);
    XYPlot plot = chart.getXYPlot();
    XYBarRenderer renderer = (XYBarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, BAR);
    renderer.setDrawBarOutline(false);
    if (logCounts) {
      LogAxis counts = logAxis(yLabel);
      counts.setSmallestValue(0.5);
      plot.setRangeAxis(counts);
      renderer.setBase(0.5);
      renderer.setUseYInterval(false);
    }
    for (double x : markers) {
      ValueMarker m = new ValueMarker(x, MARKER, new BasicStroke(1.5f));
      m.setLabel(format(x));
      m.setLabelPaint(MARKER);
      m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
      m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      plot.addDomainMarker(m);
    }
    return style(chart);
  }

  /**
   * Bars per category, one colour per series (grouped side by side, or stacked).
   *
   * @param rotateLabels draw category labels at 45° (many or long categories)
   */
  static JFreeChart bars(String title, String categoryLabel, String valueLabel, CategoryDataset data,
      boolean stacked, boolean rotateLabels) {
    JFreeChart chart = stacked
        ? ChartFactory.createStackedBarChart(title, categoryLabel, valueLabel, data, PlotOrientation.VERTICAL,
            data.getRowCount() > 1, false, false)
        : ChartFactory.createBarChart(title, categoryLabel, valueLabel, data, PlotOrientation.VERTICAL,
            data.getRowCount() > 1, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setItemMargin(0.02);
    for (int i = 0; i < data.getRowCount(); i++) {
      renderer.setSeriesPaint(i, data.getRowCount() == 1 ? BAR : PALETTE[i % PALETTE.length]);
    }
    CategoryAxis axis = plot.getDomainAxis();
    if (rotateLabels) {
      axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    return style(chart);
  }

  /**
   * Points (x, y), with an optional reference line from (x0, y0) to (x1, y1).
   *
   * @param logY a logarithmic y axis (all y must be positive)
   */
  static JFreeChart scatter(String title, String xLabel, String yLabel, XYSeries points, boolean logY,
      double[] line, String lineLabel) {
    JFreeChart chart = ChartFactory.createScatterPlot(title, xLabel, yLabel, new XYSeriesCollection(points),
        PlotOrientation.VERTICAL, false, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.getRenderer().setSeriesPaint(0, BAR);
    if (logY) {
      plot.setRangeAxis(logAxis(yLabel));
    }
    if (line != null) {
      plot.addAnnotation(new XYLineAnnotation(line[0], line[1], line[2], line[3], new BasicStroke(1.5f), MARKER));
      org.jfree.chart.annotations.XYTextAnnotation label =
          new org.jfree.chart.annotations.XYTextAnnotation(lineLabel, line[2], line[3]);
      label.setPaint(MARKER);
      label.setTextAnchor(TextAnchor.BOTTOM_RIGHT);
      plot.addAnnotation(label);
    }
    return style(chart);
  }

  /** Writes the chart as a PNG of the fixed size; returns the file. */
  static Path save(JFreeChart chart, Path file) {
    try (OutputStream out = Files.newOutputStream(file)) {
      ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT, false, 9);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }

  /** A base-10 log axis with one tick per decade, labelled 1, 10, 100, 1,000, … */
  private static LogAxis logAxis(String label) {
    LogAxis axis = new LogAxis(label);
    axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0));
    axis.setNumberFormatOverride(new java.text.DecimalFormat("#,##0",
        java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)));
    axis.setMinorTickMarksVisible(true);
    return axis;
  }

  private static JFreeChart style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    chart.getPlot().setBackgroundPaint(Color.WHITE);
    if (chart.getPlot() instanceof XYPlot p) {
      p.setDomainGridlinePaint(Color.LIGHT_GRAY);
      p.setRangeGridlinePaint(Color.LIGHT_GRAY);
    } else if (chart.getPlot() instanceof CategoryPlot p) {
      p.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }
    return chart;
  }

  private static String format(double x) {
    return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
  }
}
