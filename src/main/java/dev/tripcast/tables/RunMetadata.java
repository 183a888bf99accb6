package dev.tripcast.tables;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * The Delta commit {@code userMetadata} of a run: {@code {"run_id", "job", "model_version"}}.
 * {@code DESCRIBE HISTORY} then tells which run wrote each table version.
 *
 * @param runId the run's id, e.g. "score-20261129T162300Z-1a2b3c4d"
 * @param job the job, e.g. "score"
 * @param modelVersion the model version used, or null (training, the runs log)
 */
@JsonPropertyOrder({"run_id", "job", "model_version"})
public record RunMetadata(@JsonProperty("run_id") String runId, @JsonProperty("job") String job,
    @JsonProperty("model_version") String modelVersion) {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /**
   * The JSON recorded in each commit, e.g.
   * {@code {"run_id":"score-20261129T162300Z-1a2b3c4d","job":"score","model_version":"v2"}}.
   */
  public static String json(String runId, String job, String modelVersion) {
    return new RunMetadata(runId, job, modelVersion).toJson();
  }

  /** This metadata as the commit's JSON (one line, fields in the order above, null as {@code null}). */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write run metadata " + this, e);
    }
  }

  /**
   * Reads a commit's {@code userMetadata}.
   *
   * @return empty if it is absent or not this JSON (a commit by another tool)
   */
  public static Optional<RunMetadata> parse(String userMetadata) {
    if (userMetadata == null || userMetadata.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(userMetadata, RunMetadata.class));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
