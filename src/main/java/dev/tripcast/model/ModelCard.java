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
 * @param metrics {@link MetricKey} id → metrics (see {@link #metric})
 * @param pipeline parameters of every pipeline stage (stage uid → param name → value)
 * @param training L-BFGS iterations and final objective of the course model
 * @param numFeatures length of the course model's feature vector
 * @param puDoVocabularySize distinct PU_DO values seen in training
 * @param filters the trip filters applied
 * @param sparkVersion Spark version that trained the model
 * @param tripcastVersion tripcast version that trained the model
 * @param regularisation how the penalty was chosen (extended feature set); null for the course
 *     and homework sets, whose penalties are fixed in configuration, and in older cards
 * @param fingerprint SHA-256 of what determines the fit (model name and parameters, filters, taxi
 *     type, months, and each input file's path, size and modification time, tripcast version):
 *     {@code retrain} reuses a version with the same fingerprint instead of training a second one;
 *     null in older cards
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
    String tripcastVersion,
    Regularisation regularisation,
    String fingerprint) {

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
   * @param solver solver of the main regression (the course's or the extended model's): MLlib's
   *     ("l-bfgs", "normal", "auto") or "exact" ({@code model.extended.solver})
   * @param iterations optimizer iterations (0 for the normal solver and for "exact" solved by
   *     elimination; conjugate-gradient iterations for its fallback)
   * @param finalLoss last value of the objective history, in MLlib's units (labels divided by
   *     their std); for "exact", the objective at the solution in the same units
   */
  public record Training(String solver, int iterations, double finalLoss) {}

  /**
   * The L2 penalty chosen on a time split inside the training months.
   *
   * @param regParam the penalty the saved model was refitted with on all training rows
   * @param holdoutRmse each candidate penalty ({@code Double.toString}) → RMSE, minutes, on the
   *     holdout days, fitted on the days before; empty when the grid held one value
   * @param holdoutStart first pickup (New York wall clock, ISO-8601) of the holdout days
   * @param fitRows training rows before {@code holdoutStart} (0 when the grid held one value: no split)
   * @param holdoutRows training rows from {@code holdoutStart} on (0 when the grid held one value)
   */
  public record Regularisation(double regParam, Map<String, Double> holdoutRmse, String holdoutStart, long fitRows,
      long holdoutRows) {}

  /** Returns this card with the version filled in. */
  public ModelCard withVersion(String newVersion) {
    return toBuilder().version(newVersion).build();
  }

  /** A metric recorded at training time, if the card has it. */
  public java.util.Optional<RegressionMetrics> metric(MetricKey key) {
    return java.util.Optional.ofNullable(metrics.get(key.id()));
  }

  /** The metrics map as {@code model.json} stores it: {@link MetricKey#id()} → metrics, in key order. */
  public static Map<String, RegressionMetrics> metricsById(Map<MetricKey, RegressionMetrics> metrics) {
    Map<String, RegressionMetrics> out = new java.util.LinkedHashMap<>();
    new java.util.TreeMap<>(metrics).forEach((key, value) -> out.put(key.id(), value));
    return out;
  }

  /** A builder holding this card's values. */
  public Builder toBuilder() {
    return new Builder().name(name).version(version).createdAt(createdAt).runId(runId).taxiType(taxiType)
        .featureSet(featureSet).trainMonths(trainMonths).validMonths(validMonths).inputs(inputs).metrics(metrics)
        .pipeline(pipeline).training(training).numFeatures(numFeatures).puDoVocabularySize(puDoVocabularySize)
        .filters(filters).sparkVersion(sparkVersion).tripcastVersion(tripcastVersion).regularisation(regularisation)
        .fingerprint(fingerprint);
  }

  /** An empty builder; unset lists and maps are empty, unset strings null. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ModelCard} field by field (the record has 19 components). */
  public static final class Builder {
    private String name;
    private String version;
    private String createdAt;
    private String runId;
    private String taxiType;
    private String featureSet;
    private List<String> trainMonths = List.of();
    private List<String> validMonths = List.of();
    private List<InputFile> inputs = List.of();
    private Map<String, RegressionMetrics> metrics = Map.of();
    private Map<String, Map<String, String>> pipeline = Map.of();
    private Training training;
    private int numFeatures;
    private int puDoVocabularySize;
    private Map<String, Object> filters = Map.of();
    private String sparkVersion;
    private String tripcastVersion;
    private Regularisation regularisation;
    private String fingerprint;

    private Builder() {}

    public Builder name(String v) { name = v; return this; }
    public Builder version(String v) { version = v; return this; }
    public Builder createdAt(String v) { createdAt = v; return this; }
    public Builder runId(String v) { runId = v; return this; }
    public Builder taxiType(String v) { taxiType = v; return this; }
    public Builder featureSet(String v) { featureSet = v; return this; }
    public Builder trainMonths(List<String> v) { trainMonths = v; return this; }
    public Builder validMonths(List<String> v) { validMonths = v; return this; }
    public Builder inputs(List<InputFile> v) { inputs = v; return this; }
    public Builder metrics(Map<String, RegressionMetrics> v) { metrics = v; return this; }
    public Builder pipeline(Map<String, Map<String, String>> v) { pipeline = v; return this; }
    public Builder training(Training v) { training = v; return this; }
    public Builder numFeatures(int v) { numFeatures = v; return this; }
    public Builder puDoVocabularySize(int v) { puDoVocabularySize = v; return this; }
    public Builder filters(Map<String, Object> v) { filters = v; return this; }
    public Builder sparkVersion(String v) { sparkVersion = v; return this; }
    public Builder tripcastVersion(String v) { tripcastVersion = v; return this; }
    public Builder regularisation(Regularisation v) { regularisation = v; return this; }
    public Builder fingerprint(String v) { fingerprint = v; return this; }

    public ModelCard build() {
      return new ModelCard(name, version, createdAt, runId, taxiType, featureSet, trainMonths, validMonths, inputs,
          metrics, pipeline, training, numFeatures, puDoVocabularySize, filters, sparkVersion, tripcastVersion,
          regularisation, fingerprint);
    }
  }
}
