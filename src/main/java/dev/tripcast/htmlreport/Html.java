package dev.tripcast.htmlreport;

import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * HTML building blocks shared by the sections: escaping, the number formats every table uses, a
 * chart figure and a table. Numbers are formatted in {@link Locale#ROOT}: minutes with three
 * decimals ("7.011"), counts with thousands commas ("61,920"), shares as percent with one decimal.
 */
final class Html {
  private Html() {}

  /**
   * One table column: {@code key} goes into each cell's {@code data-field}; {@code cssClass} is the
   * cells' class: "num" right-aligns a number, "prose" lets a sentence wrap (other cells never wrap).
   */
  record Column(String key, String label, String cssClass) {
    static Column text(String key, String label) {
      return new Column(key, label, "");
    }

    static Column number(String key, String label) {
      return new Column(key, label, "num");
    }

    /** A free-text column, e.g. a registry event's reason: wraps at about 60 characters instead of widening the table. */
    static Column prose(String key, String label) {
      return new Column(key, label, "prose");
    }

    private String classAttribute() {
      return cssClass.isEmpty() ? "" : " class=\"" + cssClass + "\"";
    }
  }

  /** {@code text} with {@code & < > " '} escaped, for element content and attribute values. */
  static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Minutes with three decimals, e.g. "7.011"; "n/a" for NaN. */
  static String minutes(double minutes) {
    return Double.isNaN(minutes) ? "n/a" : String.format(Locale.ROOT, "%.3f", minutes);
  }

  /** A count with thousands commas, e.g. "61,920". */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code part / whole} as a percent with one decimal, e.g. "8.5 %"; "n/a" when whole is 0. */
  static String percent(long part, long whole) {
    return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
  }

  /** A figure: the chart as an inline PNG data URI at its CSS size, with its caption. */
  static String figure(Chart chart) {
    return figure(chart, "");
  }

  /** A figure with markup after its caption, e.g. the {@link #foldedTable} of its numbers. */
  static String figure(Chart chart, String after) {
    return "<figure>\n<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(chart.png())
        + "\" width=\"" + chart.widthPx() + "\" height=\"" + chart.heightPx() + "\" alt=\"" + esc(chart.title())
        + "\" data-pixel-scale=\"" + Plots.PIXEL_SCALE + "\">\n<figcaption>" + esc(chart.caption())
        + "</figcaption>\n" + after + "</figure>\n";
  }

  /** A grid of figures: two side by side on a laptop, one per row on a phone. */
  static String figures(List<Chart> charts) {
    return grid(charts.stream().map(Html::figure).toList());
  }

  /** A chart with its table: side by side on a wide screen (the table at its natural width), stacked on a narrow one. */
  static String withTable(Chart chart, String table) {
    return "<div class=\"with-table\">\n" + figure(chart) + "<div>\n" + table + "</div>\n</div>\n";
  }

  /** A grid of figure markups ({@link #figure}). */
  static String grid(List<String> figures) {
    return "<div class=\"figures\">\n" + String.join("", figures) + "</div>\n";
  }

  /**
   * A table in a horizontally scrolling wrapper.
   *
   * @param id the table's id, e.g. "key-numbers"
   * @param caption what the rows are, with units
   * @param rows cell texts (not escaped yet), one list per row, as many cells as columns
   */
  static String table(String id, String caption, List<Column> columns, List<List<String>> rows) {
    // The caption stays outside the scrolling wrapper, so a wide table never hides it on a phone.
    StringBuilder out = new StringBuilder("<p class=\"table-caption\" id=\"").append(esc(id)).append("-caption\">")
        .append(esc(caption)).append("</p>\n<div class=\"table-wrap\">\n<table id=\"").append(esc(id))
        .append("\" aria-describedby=\"").append(esc(id)).append("-caption\">\n<thead><tr>");
    for (Column c : columns) {
      out.append("<th scope=\"col\"").append(c.classAttribute()).append('>')
          .append(esc(c.label())).append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException("table " + id + ": row of " + row.size() + " cells for " + columns.size() + " columns");
      }
      out.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        Column c = columns.get(i);
        out.append("<td data-field=\"").append(esc(c.key())).append('"').append(c.classAttribute())
            .append('>').append(esc(row.get(i))).append("</td>");
      }
      out.append("</tr>\n");
    }
    return out.append("</tbody>\n</table>\n</div>\n").toString();
  }

  /** A table folded away under a "Numbers behind the chart" toggle, to put under a chart. */
  static String foldedTable(String id, String caption, List<Column> columns, List<List<String>> rows) {
    return "<details>\n<summary>Numbers behind the chart</summary>\n" + table(id, caption, columns, rows) + "</details>\n";
  }
}
