package dev.tripcast.monitoring;

/**
 * How monitoring profiles and compares data ({@code tripcast.monitoring} in {@code reference.conf},
 * where every default is written and its source named; docs/monitoring.md explains each one).
 *
 * @param quantiles points of the quantile sketch kept per numeric column (the quantile function at
 *     u = (i + 0.5) / quantiles), from which the Wasserstein distance is computed; 10..10000
 * @param bins histogram bins per numeric column, bounded by the reference's quantiles (deciles
 *     for 10); used by PSI; 2..100
 * @param percentileAccuracy accuracy of Spark's {@code percentile_approx} (relative rank error
 *     1 / accuracy); &gt; 0
 * @param topCategories categories of a categorical column kept by name (the reference's most
 *     frequent); the rest fall into "other"; 1..1000
 * @param thresholds when a statistic counts as drift
 * @param rules the checks evaluated on each monitored month ({@link Checks})
 * @param webhook where fired rules are posted, if anywhere
 * @param afterScore whether {@code tripcast score} monitors the month it scored (its
 *     {@code --no-monitor} turns it off for one run)
 */
public record MonitoringParams(int quantiles, int bins, int percentileAccuracy, int topCategories,
    Thresholds thresholds, java.util.List<CheckRule> rules, java.util.Optional<Webhook> webhook, boolean afterScore) {

  public MonitoringParams {
    if (quantiles < 10 || quantiles > 10_000) {
      throw new IllegalArgumentException("quantiles must be in 10..10000, got " + quantiles);
    }
    if (bins < 2 || bins > 100) {
      throw new IllegalArgumentException("bins must be in 2..100, got " + bins);
    }
    if (percentileAccuracy <= 0) {
      throw new IllegalArgumentException("percentile-accuracy must be > 0, got " + percentileAccuracy);
    }
    if (topCategories < 1 || topCategories > 1000) {
      throw new IllegalArgumentException("top-categories must be in 1..1000, got " + topCategories);
    }
    rules = java.util.List.copyOf(rules);
    if (rules.stream().map(CheckRule::name).distinct().count() != rules.size()) {
      throw new IllegalArgumentException("rule names must be unique, got " + rules.stream().map(CheckRule::name).toList());
    }
  }

  /** These parameters with another quantile sketch size. */
  public MonitoringParams withQuantiles(int newQuantiles) {
    return new MonitoringParams(newQuantiles, bins, percentileAccuracy, topCategories, thresholds, rules, webhook,
        afterScore);
  }

  /**
   * The alert webhook ({@link AlertWebhook}).
   *
   * @param url http(s) URL the JSON is posted to
   * @param secretEnv name of the environment variable holding the bearer token (its value is never
   *     a setting, never logged); unset or empty: no Authorization header
   * @param timeout connect and response timeout of one attempt
   * @param retryBudget the longest one delivery pass over the pending alerts may take, retries and
   *     pauses included ({@link AlertOutbox})
   * @param firstBackoff pause after a first failed attempt (doubled after each further one)
   */
  public record Webhook(java.net.URI url, String secretEnv, java.time.Duration timeout,
      java.time.Duration retryBudget, java.time.Duration firstBackoff) {
    /** Scheme and host only: a webhook URL's path often is its secret (Slack, Teams). */
    @Override
    public String toString() {
      return "Webhook[url=" + url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
          + "/***, secretEnv=" + secretEnv + ", timeout=" + timeout + ", retryBudget=" + retryBudget
          + ", firstBackoff=" + firstBackoff + "]";
    }
  }

  /**
   * Drift thresholds: a statistic drifts when its value is at or above its threshold (the bias
   * when its absolute value is).
   *
   * @param normedWasserstein normed Wasserstein distance of a numeric column (Evidently: 0.1)
   * @param jensenShannon Jensen–Shannon distance, natural log, of a categorical column (Evidently: 0.1)
   * @param psi population stability index (usual bands: 0.1 moderate, 0.25 major)
   * @param unseenShareIncrease unseen-category share above the reference's own (ours: 0.05)
   * @param missingShareIncrease missing share above the reference's (ours: 0.05)
   * @param driftedColumnShare the dataset drifts when at least this share of columns drift (Evidently: 0.5)
   * @param rmseRatio current RMSE over the model's validation RMSE (ours: 1.2)
   * @param biasShiftMinutes mean error (actual − predicted) minus the validation month's, absolute,
   *     minutes (ours: 1.0)
   * @param smallSampleRows windows with fewer rows than this are also tested with the
   *     Kolmogorov–Smirnov and chi-square p-values, which then decide their columns' drift
   *     (Evidently's 1,000)
   * @param pValue a p-value at or below it is drift (Evidently's 0.05)
   */
  public record Thresholds(double normedWasserstein, double jensenShannon, double psi, double unseenShareIncrease,
      double missingShareIncrease, double driftedColumnShare, double rmseRatio, double biasShiftMinutes,
      long smallSampleRows, double pValue) {}
}
