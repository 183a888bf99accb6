package dev.tripcast.tables;

import dev.tripcast.config.RunInfo;

/** The Delta commit {@code userMetadata} of a run: {@code {"run_id", "job", "model_version"}}. */
public final class RunMetadata {
  private RunMetadata() {}

  /** The JSON recorded in each commit; {@code modelVersion} may be null (training). */
  public static String json(RunInfo run, String modelVersion) {
    return String.format("{\"run_id\":\"%s\",\"job\":\"%s\",\"model_version\":%s}", run.id(), run.job(),
        modelVersion == null ? "null" : "\"" + modelVersion + "\"");
  }
}
