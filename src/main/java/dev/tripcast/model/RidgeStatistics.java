package dev.tripcast.model;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The sufficient statistics of a least-squares problem over {@code p} features: the row count
 * {@code n}, Σy, Σy², Σx, Xᵀy and the upper triangle of XᵀX, only the index pairs that occur
 * together in some row (one-hot blocks make it sparse: the extended model's {@code p} ≈ 10–15k
 * features, about 30 non-zeros a row). Rows are unweighted; the label is a non-null double.
 *
 * <p>Gathered by {@link #of} in one Spark job (a {@code treeAggregate} of per-partition tables;
 * no row reaches the driver), merged by {@link #merge}.
 */
final class RidgeStatistics implements Serializable {
  private static final long serialVersionUID = 1L;

  final int numFeatures;
  long n;
  double sumY;
  double sumYSquares;
  final double[] sumX;
  final double[] xty;
  /** Σ x_i x_j over rows for i ≤ j, keyed {@code i × numFeatures + j}. */
  final PairSums xtx;

  RidgeStatistics(int numFeatures) {
    this.numFeatures = numFeatures;
    this.sumX = new double[numFeatures];
    this.xty = new double[numFeatures];
    this.xtx = new PairSums();
  }

  /**
   * The statistics of {@code data}'s label and features columns, in one Spark job.
   *
   * @param labelCol a numeric column, cast to double
   * @param featuresCol an ML vector column of {@code numFeatures} entries
   * @throws IllegalArgumentException (in the job) if a label is null or a vector has another size
   */
  static RidgeStatistics of(Dataset<Row> data, String labelCol, String featuresCol, int numFeatures) {
    return data.select(col(labelCol).cast("double"), col(featuresCol)).javaRDD()
        .treeAggregate(new RidgeStatistics(numFeatures), RidgeStatistics::add, RidgeStatistics::merge, 2);
  }

  /** Adds one row (label at 0, features at 1); returns this. */
  RidgeStatistics add(Row row) {
    if (row.isNullAt(0)) {
      throw new IllegalArgumentException("a label is null: the ridge statistics need every row's label");
    }
    add(row.getDouble(0), (Vector) row.get(1));
    return this;
  }

  /** Adds one row; returns this. */
  RidgeStatistics add(double y, Vector x) {
    if (x.size() != numFeatures) {
      throw new IllegalArgumentException("a features vector has " + x.size() + " entries, expected " + numFeatures);
    }
    SparseVector sparse = x.toSparse();
    int[] indices = sparse.indices();
    double[] values = sparse.values();
    n++;
    sumY += y;
    sumYSquares += y * y;
    for (int a = 0; a < indices.length; a++) {
      int i = indices[a];
      double xi = values[a];
      sumX[i] += xi;
      xty[i] += xi * y;
      long row = (long) i * numFeatures;
      for (int b = a; b < indices.length; b++) {
        xtx.add(row + indices[b], xi * values[b]);
      }
    }
    return this;
  }

  /** Adds {@code other}'s rows to these; returns the merged statistics (one of the two, reused). */
  RidgeStatistics merge(RidgeStatistics other) {
    if (other.numFeatures != numFeatures) {
      throw new IllegalArgumentException("cannot merge statistics of " + other.numFeatures + " and " + numFeatures + " features");
    }
    RidgeStatistics into = xtx.size() >= other.xtx.size() ? this : other;
    RidgeStatistics from = into == this ? other : this;
    into.n += from.n;
    into.sumY += from.sumY;
    into.sumYSquares += from.sumYSquares;
    for (int i = 0; i < numFeatures; i++) {
      into.sumX[i] += from.sumX[i];
      into.xty[i] += from.xty[i];
    }
    into.xtx.addAll(from.xtx);
    return into;
  }
}
