package dev.tripcast.features;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;

import dev.tripcast.ingest.TripColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * The rule behind {@link DropReason#NON_FINITE_VALUE}: a numeric model input that is NaN or
 * ±Infinity. Such values come from Parquet writers that store a missing float as NaN and from CSV
 * text "NaN", "Infinity" or "-Infinity" (Spark's cast reads all three); kept, they would stop
 * MLlib's VectorAssembler ("Encountered NaN while assembling a row") or turn predictions and RMSE
 * into NaN or infinity (docs/data-contract.md, "Bad values").
 */
final class NonFiniteInputs {
  private NonFiniteInputs() {}

  /**
   * True when any DOUBLE column of the canonical schema that {@code featureSet} reads (in the shipped
   * feature sets only {@code trip_distance}) is NaN, +Infinity or −Infinity; false for null (nulls have their own
   * reasons) and for feature sets that read no such column (homework). Integer zone ids cannot
   * hold NaN: a source NaN or infinity cast to int becomes 0 or ±2^31−1 and is counted as
   * {@code location_out_of_range}. Columns the model does not read (fares, passenger counts) are
   * not checked: their values cannot reach a prediction.
   */
  static Column any(FeatureSet featureSet) {
    Column any = lit(false);
    for (String name : featureSet.requiredColumns()) {
      if (TripColumns.SCHEMA.apply(name).dataType().equals(DataTypes.DoubleType)) {
        Column c = col(name);
        any = any.or(coalesce(isnan(c).or(c.isin(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)), lit(false)));
      }
    }
    return any;
  }
}
