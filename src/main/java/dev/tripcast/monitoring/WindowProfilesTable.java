package dev.tripcast.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tripcast.tables.Table;
import dev.tripcast.tables.Warehouse;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code window_profiles} Delta table ({@link #TABLE}): the month-level {@link WindowProfile}
 * each monitoring run computed, kept so that the next month can be compared with it (Databricks'
 * drift against the previous window) without reading this month's trips again. One row per
 * (taxi type, month, model version); a few kilobytes of JSON each.
 *
 * <pre>
 * taxi_type      string
 * month          string   service month "YYYY-MM"
 * model_version  string   the version whose reference binned the profile
 * rows           bigint   trips in the month
 * profile        string   the WindowProfile as JSON (quantile sketches, bin counts, category counts)
 * </pre>
 */
public final class WindowProfilesTable {
  /** The table; a monitoring run replaces its taxi type, month and model version. */
  public static final Table TABLE = Table.of("window_profiles", String.join(", ",
          "taxi_type STRING", "month STRING", "model_version STRING", "rows BIGINT", "profile STRING"),
      List.of("taxi_type"), List.of("taxi_type", "month", "model_version"),
      "the month-level profile a monitoring run computed (JSON), for comparing the next month with it");
  private static final ObjectMapper JSON = new ObjectMapper();

  private WindowProfilesTable() {}

  /** The table row of one month's profile; a tiny local Dataset. */
  public static Dataset<Row> rows(SparkSession spark, String taxiType, String month, String modelVersion,
      WindowProfile profile) {
    try {
      return spark.createDataFrame(List.of(RowFactory.create(taxiType, month, modelVersion, profile.rows(),
          JSON.writeValueAsString(profile))), TABLE.schema());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The profile of {@code month} binned by {@code modelVersion}'s reference, if a monitoring run
   * of that month with that version committed one.
   */
  public static Optional<WindowProfile> read(Warehouse warehouse, String taxiType, YearMonth month,
      String modelVersion) {
    return warehouse.readLatest(TABLE.key(taxiType, month, modelVersion))
        .flatMap(s -> s.rows().select("profile").collectAsList().stream().findFirst())
        .map(r -> {
          try {
            return JSON.readValue(r.getString(0), WindowProfile.class);
          } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
