package dev.tripcast.model;

/**
 * The regression metrics a model card records, each computed on kept rows at training time. The
 * id is the key in {@code model.json}'s {@code metrics} map.
 */
public enum MetricKey {
  /** All training rows. */
  TRAIN("train"),
  /** All validation rows, final prediction. */
  VALID("valid"),
  /** Validation rows whose PU_DO pair was seen in training. */
  VALID_SEEN("valid_seen"),
  /** Validation rows whose PU_DO pair was not seen in training (predicted by the back-off). */
  VALID_UNSEEN("valid_unseen"),
  /** All validation rows, predicted by the course model alone (no back-off). */
  VALID_WITHOUT_BACKOFF("valid_without_backoff"),
  /** Unseen-pair validation rows, predicted by the course model alone. */
  VALID_UNSEEN_WITHOUT_BACKOFF("valid_unseen_without_backoff");

  private final String id;

  MetricKey(String id) {
    this.id = id;
  }

  /** The key in the model card's metrics map. */
  public String id() {
    return id;
  }
}
