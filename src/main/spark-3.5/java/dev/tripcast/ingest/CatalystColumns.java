package dev.tripcast.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.Expression;

/**
 * A Catalyst expression as a {@link Column} and back, for the Spark 3.5 line (a Column wraps its
 * expression). The Spark 4.1 line has its own copy of this class in src/main/spark-4.1/; the pom's
 * profile picks the folder.
 */
final class CatalystColumns {
  private CatalystColumns() {}

  /** The column computing {@code expression}. */
  static Column column(Expression expression) {
    return new Column(expression);
  }

  /** The Catalyst expression of a column built on the driver ({@code functions.col}, {@code lit}, ...). */
  static Expression expression(Column column) {
    return column.expr();
  }
}
