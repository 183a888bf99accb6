package dev.tripcast.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link DriftComparison} on hand-made profiles: a window under {@code small-sample-rows} gets the
 * Kolmogorov–Smirnov and chi-square p-values, and they decide its columns' drift; a big window is
 * judged by the distances alone; the month against the month before is labelled as such.
 */
class DriftComparisonTest {
  private static final MonitoringParams.Thresholds T =
      new MonitoringParams.Thresholds(0.1, 0.1, 0.1, 0.05, 0.05, 0.5, 1.2, 1.0, 1000, 0.05);

  @Test
  void aSmallWindowIsJudgedByItsPValues() {
    WindowProfile reference = window("reference", 50_000, 0.0);
    // 300 trips whose durations moved by 0.12 reference std: normed Wasserstein 0.12 (a distance
    // "drift") but too few trips for the KS test to call it one.
    WindowProfile day = window("2021-03-02", 300, 0.12);

    List<DriftMetric> rows = DriftComparison.compare(DriftMetric.DAY, DriftMetric.BASELINE, reference, 0, day, T);

    DriftMetric wasserstein = find(rows, "duration", "normed_wasserstein").orElseThrow();
    DriftMetric ks = find(rows, "duration", "ks_p_value").orElseThrow();
    assertTrue(wasserstein.drifted(), wasserstein.toString());
    assertFalse(ks.drifted(), ks.toString());
    assertTrue(ks.value() > 0.05 && ks.value() < 1, ks.toString());
    assertTrue(find(rows, "PU_DO", "chi_square_p_value").isPresent());
    assertEquals(0.0, find(rows, "*", "drifted_column_share").orElseThrow().value(), 1e-12,
        "the p-values, not the distances, decide a small window's columns");
  }

  @Test
  void aBigWindowHasNoPValuesAndTheDistancesDecide() {
    WindowProfile reference = window("reference", 50_000, 0.0);
    WindowProfile month = window("2021-03", 30_000, 0.12);

    List<DriftMetric> rows = DriftComparison.comparePreviousMonth(reference, month, T);

    assertTrue(find(rows, "duration", "ks_p_value").isEmpty());
    assertTrue(rows.stream().allMatch(r -> r.comparedTo().equals(DriftMetric.PREVIOUS_WINDOW)
        && r.granularity().equals(DriftMetric.MONTH)));
    // trip_distance, duration and prediction all moved by 0.12 std; the three categoricals did not.
    assertEquals(0.5, find(rows, "*", "drifted_column_share").orElseThrow().value(), 1e-12);
  }

  /** A window of {@code rows} trips: each numeric column uniform over [shift, 1 + shift] in reference stds (std of uniform(0, 1)), four PU_DO pairs equally often. */
  private static WindowProfile window(String name, long rows, double shiftInStds) {
    double std = Math.sqrt(1.0 / 12);
    double[] q = new double[1000];
    for (int i = 0; i < q.length; i++) {
      q[i] = (i + 0.5) / q.length + shiftInStds * std;
    }
    Map<String, WindowProfile.Numeric> numeric = new LinkedHashMap<>();
    for (String c : ProfileColumns.NUMERIC) {
      numeric.put(c, new WindowProfile.Numeric(0, 0.5 + shiftInStds * std, std, q[0], q[q.length - 1], q,
          new long[] {rows / 2, rows - rows / 2}));
    }
    Map<String, WindowProfile.Categorical> categorical = new LinkedHashMap<>();
    for (String c : ProfileColumns.CATEGORICAL) {
      Map<String, Long> counts = new LinkedHashMap<>();
      for (String k : List.of("a", "b", "c", Binning.OTHER)) {
        counts.put(k, rows / 4);
      }
      categorical.put(c, new WindowProfile.Categorical(0, 0, counts));
    }
    return new WindowProfile(name, rows, numeric, categorical);
  }

  private static Optional<DriftMetric> find(List<DriftMetric> rows, String column, String statistic) {
    return rows.stream().filter(r -> r.column().equals(column) && r.statistic().equals(statistic)).findFirst();
  }
}
