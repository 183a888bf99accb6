package dev.tripcast.monitoring;

import java.util.Map;

/**
 * What Spark aggregated of one window of trips (a month, a day, or the training months): per
 * numeric column a quantile sketch, bin counts and summary statistics, per categorical column the
 * counts of the reference's top categories. A few kilobytes whatever the rows.
 *
 * @param window "YYYY-MM" for a month, "YYYY-MM-DD" for a day (pickup date, New York local time),
 *     "reference" for the training data
 * @param rows trips in the window
 * @param numeric column → summary, for {@link ProfileColumns#NUMERIC}
 * @param categorical column → counts, for {@link ProfileColumns#CATEGORICAL}
 */
public record WindowProfile(String window, long rows, Map<String, Numeric> numeric, Map<String, Categorical> categorical) {

  /**
   * One numeric column in a window.
   *
   * @param missing rows where it is null
   * @param mean mean of the non-null values, in the column's unit (0 if none)
   * @param std population standard deviation (0 if fewer than two values)
   * @param min smallest value (0 if none)
   * @param max largest value (0 if none)
   * @param quantiles the quantile function at u = (i + 0.5) / n, ascending; empty if no value
   * @param binCounts rows per bin of the reference's {@link Binning#edges} (n edges, n + 1 bins:
   *     below the first edge, between edges [e_i, e_i+1), at or above the last)
   */
  public record Numeric(long missing, double mean, double std, double min, double max, double[] quantiles,
      long[] binCounts) {
    /** Rows with a value. */
    public long present() {
      long n = 0;
      for (long c : binCounts) {
        n += c;
      }
      return n;
    }
  }

  /**
   * One categorical column in a window.
   *
   * @param missing rows where it is null
   * @param unseen rows whose category the reference never had (for PU_DO: the model's own
   *     {@code pu_do_seen} = false)
   * @param counts category → rows, for each of the reference's {@link Binning#topCategories} and
   *     {@link Binning#OTHER} (every key present, 0 if no row)
   */
  public record Categorical(long missing, long unseen, Map<String, Long> counts) {}
}
