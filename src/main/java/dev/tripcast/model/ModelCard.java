package dev.tripcast.model;

import java.util.List;
import java.util.Map;

/**
 * What {@code model.json} records beside each saved {@link org.apache.spark.ml.PipelineModel}.
 *
 * @param name model name in the registry
 * @param version version id, "v1", "v2", …
 * @param createdAt creation time, ISO-8601 UTC
 * @param runId the training run's id
 * @param taxiType layout trained on
 * @param featureSet the model's inputs ({@link dev.tripcast.features.FeatureSet} id)
 * @param trainMonths training months, "YYYY-MM"
 * @param validMonths validation months, "YYYY-MM"
 * @param inputs every input file with its size and row counts
 * @param metrics "train" and "valid" (overall) and "valid_seen"/"valid_unseen" PU_DO segments,
 *     plus "valid_unseen_without_backoff" (the course model's own prediction for unseen pairs)
 * @param pipeline parameters of every pipeline stage (stage uid → param name → value)
 * @param training L-BFGS iterations and final objective of the course model
 * @param numFeatures length of the course model's feature vector
 * @param puDoVocabularySize distinct PU_DO values seen in training
 * @param filters the trip filters applied
 * @param sparkVersion Spark version that trained the model
 * @param tripcastVersion tripcast version that trained the model
 */
public record ModelCard(
    String name,
    String version,
    String createdAt,
    String runId,
    String taxiType,
    String featureSet,
    List<String> trainMonths,
    List<String> validMonths,
    List<InputFile> inputs,
    Map<String, RegressionMetrics> metrics,
    Map<String, Map<String, String>> pipeline,
    Training training,
    int numFeatures,
    int puDoVocabularySize,
    Map<String, Object> filters,
    String sparkVersion,
    String tripcastVersion) {

  /**
   * @param role "train" or "valid"
   * @param month "YYYY-MM"
   * @param path fully qualified path
   * @param sizeBytes file size, bytes
   * @param rowsRead rows in the file
   * @param rowsKept rows that passed the filters
   * @param dropped rows dropped per reason id
   */
  public record InputFile(
      String role, String month, String path, long sizeBytes, long rowsRead, long rowsKept, Map<String, Long> dropped) {}

  /**
   * @param solver solver of the course model
   * @param iterations optimizer iterations (0 for the normal solver)
   * @param finalLoss last value of the objective history
   */
  public record Training(String solver, int iterations, double finalLoss) {}

  /** Returns this card with the version filled in. */
  public ModelCard withVersion(String newVersion) {
    return new ModelCard(name, newVersion, createdAt, runId, taxiType, featureSet, trainMonths, validMonths, inputs, metrics,
        pipeline, training, numFeatures, puDoVocabularySize, filters, sparkVersion, tripcastVersion);
  }
}
