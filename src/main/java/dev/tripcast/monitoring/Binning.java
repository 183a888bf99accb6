package dev.tripcast.monitoring;

import java.util.List;
import java.util.Map;

/**
 * How the reference cuts each column, fixed at training time and saved with the model so every
 * later window is counted in the same bins.
 *
 * @param edges numeric column → ascending distinct bin edges: the reference's quantiles at
 *     1/bins … (bins − 1)/bins (deciles by default), repeated values merged
 * @param topCategories categorical column → its most frequent reference categories, most frequent
 *     first; other categories count as {@link #OTHER}
 * @param knownCategories categorical column → every category of the reference, for the columns
 *     with a small domain (PULocationID, DOLocationID); PU_DO uses the model's own vocabulary
 */
public record Binning(Map<String, double[]> edges, Map<String, List<String>> topCategories,
    Map<String, List<String>> knownCategories) {
  /** The pooled category of everything outside the top categories. */
  public static final String OTHER = "__other__";
}
