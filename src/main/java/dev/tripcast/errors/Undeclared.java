package dev.tripcast.errors;

import org.apache.spark.SparkException;
import org.apache.spark.sql.AnalysisException;

/**
 * Makes the checked exceptions Scala code throws undeclared catchable by type. Spark's
 * {@code SparkException} (a failed job) and {@code AnalysisException} (a query that does not
 * resolve, e.g. "not a Delta table") are checked in Java's eyes, yet no Scala method declares
 * them, so {@code catch (SparkException e)} around a Spark call does not compile. Wrapping the
 * call in {@link #sparkJob} or {@link #analysis} declares what it may throw:
 *
 * <pre>
 * try {
 *   quality = Undeclared.sparkJob(() -&gt; MonthQuality.compute(prepared));
 * } catch (SparkException e) { ... }
 * </pre>
 */
public final class Undeclared {
  private Undeclared() {}

  /**
   * A call into Spark, Delta or MLlib.
   *
   * @param <X> a checked exception the call declares (e.g. {@code IOException} of MLlib's
   *     writer); Java infers {@code RuntimeException} when it declares none
   */
  @FunctionalInterface
  public interface SparkCall<T, X extends Exception> {
    T call() throws SparkException, AnalysisException, X;
  }

  /**
   * Runs {@code call}, declaring the {@code SparkException} of a failed job; an
   * {@code AnalysisException} passes undeclared, as Scala threw it.
   */
  public static <T, X extends Exception> T sparkJob(SparkCall<T, X> call) throws SparkException, X {
    try {
      return call.call();
    } catch (AnalysisException e) {
      throw rethrow(e);
    }
  }

  /**
   * Runs {@code call}, declaring the {@code AnalysisException} of a query that does not resolve;
   * a {@code SparkException} passes undeclared, as Scala threw it.
   */
  public static <T, X extends Exception> T analysis(SparkCall<T, X> call) throws AnalysisException, X {
    try {
      return call.call();
    } catch (SparkException e) {
      throw rethrow(e);
    }
  }

  /** Runs {@code call}, declaring both. */
  public static <T, X extends Exception> T spark(SparkCall<T, X> call) throws SparkException, AnalysisException, X {
    return call.call();
  }

  /**
   * Throws {@code failure} unchanged and undeclared, as the Scala code that threw it did (a
   * caller that caught a {@code SparkException} by type and does not handle it passes it on).
   * Declared to return an exception so that callers write {@code throw Undeclared.rethrow(e)}.
   */
  public static RuntimeException rethrow(Throwable failure) {
    throw Undeclared.<RuntimeException>sneaky(failure);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable failure) throws E {
    throw (E) failure;
  }
}
