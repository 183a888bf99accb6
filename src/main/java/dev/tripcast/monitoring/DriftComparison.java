package dev.tripcast.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares window profiles with the reference (baseline) and each day with the day before
 * (previous window), column by column, into {@link DriftMetric}s. Pure driver code over the
 * profiles' few kilobytes; the formulas are {@link DriftStatistics}'.
 *
 * <p>A window with fewer than {@code small-sample-rows} trips also gets a Kolmogorov–Smirnov
 * p-value per numeric column and a chi-square p-value per categorical one (Evidently's small-sample
 * tests), and those p-values, not the distances, decide which of its columns drifted.
 *
 * <p>A column without any value in a window (all missing, or a window without trips) gets only
 * its {@code missing_share_change}; a window without trips gets no row at all.
 */
public final class DriftComparison {
  static final String NORMED_WASSERSTEIN = "normed_wasserstein";
  static final String PSI = "psi";
  static final String JENSEN_SHANNON = "jensen_shannon";
  static final String UNSEEN_SHARE = "unseen_share";
  static final String MISSING_SHARE_CHANGE = "missing_share_change";
  static final String DRIFTED_COLUMN_SHARE = "drifted_column_share";
  static final String KS_P_VALUE = "ks_p_value";
  static final String CHI_SQUARE_P_VALUE = "chi_square_p_value";

  private DriftComparison() {}

  /**
   * Every data-drift row of a month: the month against the baseline, each day against the
   * baseline and against the previous day of the month.
   *
   * @param windows the month first, then its days ({@link Profiler#profile} with byDay)
   */
  public static List<DriftMetric> compare(ReferenceProfile reference, List<WindowProfile> windows,
      MonitoringParams.Thresholds t) {
    List<DriftMetric> out = new ArrayList<>();
    WindowProfile baseline = reference.reference();
    WindowProfile previousDay = null;
    for (int i = 0; i < windows.size(); i++) {
      WindowProfile w = windows.get(i);
      String granularity = i == 0 ? DriftMetric.MONTH : DriftMetric.DAY;
      out.addAll(compare(granularity, DriftMetric.BASELINE, baseline, reference.validationUnseenPairShare(), w, t));
      if (i > 0 && previousDay != null) {
        out.addAll(compare(granularity, DriftMetric.PREVIOUS_WINDOW, previousDay, unseenPairShare(previousDay), w, t));
      }
      if (i > 0) {
        previousDay = w;
      }
    }
    return out;
  }

  /**
   * The month against the previous month ({@code granularity = month}, {@code compared_to =
   * previous_window}): both profiles binned by the same model version's reference. Its rows are
   * recorded; the checks judge only the baseline rows.
   */
  public static List<DriftMetric> comparePreviousMonth(WindowProfile previous, WindowProfile month,
      MonitoringParams.Thresholds t) {
    return compare(DriftMetric.MONTH, DriftMetric.PREVIOUS_WINDOW, previous, unseenPairShare(previous), month, t);
  }

  /** One window against one comparison window. */
  static List<DriftMetric> compare(String granularity, String comparedTo, WindowProfile base,
      double baseUnseenPairShare, WindowProfile w, MonitoringParams.Thresholds t) {
    List<DriftMetric> out = new ArrayList<>();
    if (w.rows() == 0) {
      return out;
    }
    int columns = 0;
    int drifted = 0;
    for (String c : ProfileColumns.NUMERIC) {
      WindowProfile.Numeric b = base.numeric().get(c);
      WindowProfile.Numeric x = w.numeric().get(c);
      out.add(row(granularity, comparedTo, w, base, c, MISSING_SHARE_CHANGE,
          share(x.missing(), w.rows()) - share(b.missing(), base.rows()), t.missingShareIncrease()));
      if (x.quantiles().length == 0 || b.quantiles().length == 0) {
        continue;
      }
      DriftMetric wasserstein = row(granularity, comparedTo, w, base, c, NORMED_WASSERSTEIN,
          DriftStatistics.normedWasserstein(b.quantiles(), x.quantiles(), b.std()), t.normedWasserstein());
      out.add(wasserstein);
      out.add(row(granularity, comparedTo, w, base, c, PSI, DriftStatistics.psi(b.binCounts(), x.binCounts()), t.psi()));
      DriftMetric decides = wasserstein;
      if (w.rows() < t.smallSampleRows()) {
        decides = pValueRow(granularity, comparedTo, w, base, c, KS_P_VALUE,
            DriftStatistics.ksPValue(b.quantiles(), b.present(), x.quantiles(), x.present()), t.pValue());
        out.add(decides);
      }
      columns++;
      drifted += decides.drifted() ? 1 : 0;
    }
    for (String c : ProfileColumns.CATEGORICAL) {
      WindowProfile.Categorical b = base.categorical().get(c);
      WindowProfile.Categorical x = w.categorical().get(c);
      if (b == null || x == null) {
        continue;
      }
      out.add(row(granularity, comparedTo, w, base, c, MISSING_SHARE_CHANGE,
          share(x.missing(), w.rows()) - share(b.missing(), base.rows()), t.missingShareIncrease()));
      double baseUnseen = c.equals(ProfileColumns.PU_DO) ? baseUnseenPairShare : share(b.unseen(), base.rows());
      out.add(row(granularity, comparedTo, w, base, c, UNSEEN_SHARE, share(x.unseen(), w.rows()),
          baseUnseen + t.unseenShareIncrease()));
      if (x.missing() == w.rows()) {
        continue;
      }
      long[][] counts = aligned(b.counts(), x.counts());
      DriftMetric js = row(granularity, comparedTo, w, base, c, JENSEN_SHANNON,
          DriftStatistics.jensenShannon(counts[0], counts[1]), t.jensenShannon());
      out.add(js);
      DriftMetric decides = js;
      if (w.rows() < t.smallSampleRows()) {
        decides = pValueRow(granularity, comparedTo, w, base, c, CHI_SQUARE_P_VALUE,
            DriftStatistics.chiSquarePValue(counts[0], counts[1]), t.pValue());
        out.add(decides);
      }
      columns++;
      drifted += decides.drifted() ? 1 : 0;
    }
    if (columns > 0) {
      out.add(row(granularity, comparedTo, w, base, DriftMetric.DATASET, DRIFTED_COLUMN_SHARE,
          (double) drifted / columns, t.driftedColumnShare()));
    }
    return out;
  }

  private static DriftMetric row(String granularity, String comparedTo, WindowProfile w, WindowProfile base,
      String column, String statistic, double value, double threshold) {
    return new DriftMetric(granularity, w.window(), DriftMetric.DATA_DRIFT, column, statistic, comparedTo, value,
        threshold, value >= threshold, w.rows(), base.rows());
  }

  /** A p-value row: drifted at or below the threshold. */
  private static DriftMetric pValueRow(String granularity, String comparedTo, WindowProfile w, WindowProfile base,
      String column, String statistic, double value, double threshold) {
    return new DriftMetric(granularity, w.window(), DriftMetric.DATA_DRIFT, column, statistic, comparedTo, value,
        threshold, value <= threshold, w.rows(), base.rows());
  }

  /** The two count maps over the union of their keys, in the base's key order then the others'. */
  private static long[][] aligned(Map<String, Long> base, Map<String, Long> current) {
    List<String> keys = new ArrayList<>(base.keySet());
    current.keySet().stream().filter(k -> !base.containsKey(k)).forEach(keys::add);
    long[][] out = new long[2][keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      out[0][i] = base.getOrDefault(keys.get(i), 0L);
      out[1][i] = current.getOrDefault(keys.get(i), 0L);
    }
    return out;
  }

  /** The share of a window's trips whose PU_DO pair the model never saw (the base of a previous-window comparison). */
  private static double unseenPairShare(WindowProfile w) {
    return share(w.categorical().get(ProfileColumns.PU_DO).unseen(), w.rows());
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }
}
