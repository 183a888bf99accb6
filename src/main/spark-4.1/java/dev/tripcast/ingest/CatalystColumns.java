package dev.tripcast.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.classic.ExpressionUtils;

/**
 * A Catalyst expression as a {@link Column} and back, for the Spark 4.1 line (a Column holds a
 * {@code ColumnNode}; the classic, non-Connect session converts through {@code ExpressionUtils}).
 * The Spark 3.5 line has its own copy of this class in src/main/spark-3.5/; the pom's profile
 * picks the folder.
 */
final class CatalystColumns {
  private CatalystColumns() {}

  /** The column computing {@code expression}. */
  static Column column(Expression expression) {
    return ExpressionUtils.column(expression);
  }

  /** The Catalyst expression of a column built on the driver ({@code functions.col}, {@code lit}, ...). */
  static Expression expression(Column column) {
    return ExpressionUtils.expression(column);
  }
}
