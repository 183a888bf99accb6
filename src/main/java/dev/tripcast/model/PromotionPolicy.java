package dev.tripcast.model;

/**
 * When {@code retrain} promotes a challenger ({@code tripcast.lifecycle} in the configuration).
 * The challenger is trained on the {@code trainWindowMonths} labelled months just before the
 * evaluation month; champion and challenger are then scored on the evaluation month, which
 * neither trained on, on the same trips.
 *
 * @param trainWindowMonths how many months before the evaluation month the challenger trains on, ≥ 1
 * @param marginMinutes promote only if the challenger's overall RMSE is lower than the champion's
 *     by at least this much, minutes, ≥ 0
 * @param segmentToleranceMinutes and only if, on the seen-pair and on the unseen-pair trips, its
 *     RMSE is not higher than the champion's by more than this, minutes, ≥ 0
 */
public record PromotionPolicy(int trainWindowMonths, double marginMinutes, double segmentToleranceMinutes) {
  public PromotionPolicy {
    if (trainWindowMonths < 1) {
      throw new IllegalArgumentException("lifecycle.train-window-months must be at least 1, got " + trainWindowMonths);
    }
    if (!(marginMinutes >= 0) || !(segmentToleranceMinutes >= 0)) {
      throw new IllegalArgumentException("lifecycle.promote-margin-minutes and segment-tolerance-minutes must be"
          + " finite and >= 0, got " + marginMinutes + " and " + segmentToleranceMinutes);
    }
  }
}
