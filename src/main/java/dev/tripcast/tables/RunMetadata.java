package dev.tripcast.tables;

/**
 * The Delta commit {@code userMetadata} of a run: {@code {"run_id", "job", "model_version"}}.
 * {@code DESCRIBE HISTORY} then tells which run wrote each table version.
 */
public final class RunMetadata {
  private RunMetadata() {}

  /**
   * The JSON recorded in each commit.
   *
   * @param runId the run's id, e.g. "score-20261129T162300Z-1a2b3c4d"
   * @param job the job, e.g. "score"
   * @param modelVersion the model version used, or null (training)
   */
  public static String json(String runId, String job, String modelVersion) {
    return String.format("{\"run_id\":\"%s\",\"job\":\"%s\",\"model_version\":%s}", runId, job,
        modelVersion == null ? "null" : "\"" + modelVersion + "\"");
  }
}
