package dev.tripcast.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The reference a model is monitored against, computed once at training time from the training
 * months (through the model, so {@code prediction} has a reference too) and saved beside
 * {@code model.json} as {@value #FILE}: monitoring never re-reads training data.
 *
 * @param binning the bin edges and categories every later window is counted in
 * @param reference the training months' profile (window "reference")
 * @param validationUnseenPairShare share of validation trips whose PU_DO pair the model never saw
 *     (0..1): the unseen share the model was validated with
 * @param validationRows trips in the validation months
 */
public record ReferenceProfile(Binning binning, WindowProfile reference, double validationUnseenPairShare,
    long validationRows) {
  /** File name in the model version's folder. */
  public static final String FILE = "reference_profile.json";
  /** Window name of the reference profile. */
  public static final String WINDOW = "reference";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * Profiles the training and validation data (five Spark jobs on the training data, one on the
   * validation data; nothing collected but aggregates).
   *
   * @param trainPredicted training trips through the model ({@link ProfileColumns#fromPredicted} columns)
   * @param validPredicted validation trips through the model, the same columns
   */
  public static ReferenceProfile compute(Dataset<Row> trainPredicted, Dataset<Row> validPredicted,
      MonitoringParams params) {
    Binning binning = Profiler.binning(trainPredicted, params);
    WindowProfile reference = Profiler.reference(trainPredicted, binning, params);
    Row valid = validPredicted.agg(org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1)),
        org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.when(
            org.apache.spark.sql.functions.col(ProfileColumns.UNSEEN_PAIR), 1).otherwise(0))).first();
    long rows = valid.getLong(0);
    return new ReferenceProfile(binning, reference, rows == 0 ? 0 : (double) valid.getLong(1) / rows, rows);
  }

  /**
   * Numeric column → the fine edges later windows are counted in ({@link NumericSketch}): the
   * reference's quantile function with its wide gaps filled and tails added
   * ({@link Profiler#fineEdges}). Derived, not saved, so profiles saved before the sketch existed
   * serve as they are.
   */
  public java.util.Map<String, double[]> fineEdges() {
    java.util.Map<String, double[]> quantiles = new java.util.LinkedHashMap<>();
    reference.numeric().forEach((c, n) -> quantiles.put(c, n.quantiles()));
    return Profiler.fineEdges(quantiles);
  }

  /**
   * Writes {@value #FILE} into a model version's folder.
   *
   * @throws UncheckedIOException if it cannot be written
   */
  public void save(String modelPath, Configuration hadoopConf) {
    Path file = new Path(modelPath, FILE);
    try (OutputStream out = file.getFileSystem(hadoopConf).create(file, true)) {
      JSON.writeValue(out, this);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Whether the model saved at {@code modelPath} has a {@value #FILE} (models trained before monitoring have none). */
  public static boolean exists(String modelPath, Configuration hadoopConf) {
    Path file = new Path(modelPath, FILE);
    try {
      return file.getFileSystem(hadoopConf).exists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Reads a model version's {@value #FILE}.
   *
   * @throws NoReferenceProfileException if the model has none (trained before
   *     monitoring existed): train a new version
   */
  public static ReferenceProfile load(String modelPath, Configuration hadoopConf) {
    Path file = new Path(modelPath, FILE);
    try {
      FileSystem fs = file.getFileSystem(hadoopConf);
      if (!fs.exists(file)) {
        throw new NoReferenceProfileException(modelPath);
      }
      try (InputStream in = fs.open(file)) {
        return JSON.readValue(in, ReferenceProfile.class);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
