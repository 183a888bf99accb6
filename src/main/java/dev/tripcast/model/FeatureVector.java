package dev.tripcast.model;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import org.apache.spark.sql.Column;

/**
 * An MLlib feature vector kept as formulas instead of a {@code VectorUDT} value: its size and its
 * possibly non-zero entries, in ascending index order for every row, so that a linear model's
 * dot product is a sum of native columns in the order MLlib's sparse dot product adds them.
 *
 * <p>An entry either sits at a fixed index ({@code code == null}) or at one of several indexes
 * chosen per row by an int {@code code} column (0 … {@code indexByCode.length − 1}; null means the
 * entry is absent, as for a category the one-hot encoding drops). Its value is a double column, or
 * exactly 1.0 when {@code value == null} (a one-hot entry).
 */
final class FeatureVector {
  /**
   * One possibly non-zero element.
   *
   * @param code int column choosing the index, null for a fixed index
   * @param indexByCode the vector index of each code (one element for a fixed index)
   * @param value double column, null for 1.0
   */
  record Entry(Column code, int[] indexByCode, Column value) {}

  private final int size;
  private final List<Entry> entries;

  private FeatureVector(int size, List<Entry> entries) {
    this.size = size;
    this.entries = List.copyOf(entries);
  }

  /** A numeric column as a vector of size 1 ({@code VectorAssembler} casts it to double). */
  static FeatureVector scalar(Column value) {
    return new FeatureVector(1, List.of(new Entry(null, new int[] {0}, value.cast("double"))));
  }

  /**
   * {@code OneHotEncoderModel}'s output for one category column: 1.0 at index {@code code} when
   * {@code code < size}, else all zeros (the category dropped by {@code dropLast}).
   *
   * @param code int column, the category's index (never null)
   * @param size the vector's size (categories, less the dropped one)
   */
  static FeatureVector oneHot(Column code, int size) {
    int[] indexByCode = new int[size];
    for (int i = 0; i < size; i++) {
      indexByCode[i] = i;
    }
    return new FeatureVector(size, List.of(new Entry(when(code.lt(size), code), indexByCode, null)));
  }

  /** {@code VectorAssembler}: the parts one after the other. */
  static FeatureVector concat(List<FeatureVector> parts) {
    int offset = 0;
    List<Entry> out = new ArrayList<>();
    for (FeatureVector part : parts) {
      for (Entry e : part.entries) {
        int[] shifted = new int[e.indexByCode().length];
        for (int k = 0; k < shifted.length; k++) {
          shifted[k] = e.indexByCode()[k] + offset;
        }
        out.add(new Entry(e.code(), shifted, e.value()));
      }
      offset += part.size;
    }
    return new FeatureVector(offset, out);
  }

  /**
   * {@code Interaction}: every product of one entry per input, the first input varying slowest
   * (index {@code i_1 · size_2 · … · size_k + … + i_k}), the value {@code ((1.0 · v_k) · …) · v_1}
   * as MLlib multiplies it.
   */
  static FeatureVector interaction(List<FeatureVector> inputs) {
    FeatureVector product = inputs.get(inputs.size() - 1);
    for (int i = inputs.size() - 2; i >= 0; i--) {
      FeatureVector outer = inputs.get(i);
      List<Entry> out = new ArrayList<>();
      for (Entry a : outer.entries) {
        for (Entry b : product.entries) {
          out.add(times(a, b, product.size));
        }
      }
      product = new FeatureVector(outer.size * product.size, out);
    }
    return product;
  }

  /** Entry {@code a} of an earlier input times entry {@code b} of the later inputs' product (size {@code sizeB}). */
  private static Entry times(Entry a, Entry b, int sizeB) {
    int countB = b.indexByCode().length;
    int[] index = new int[a.indexByCode().length * countB];
    for (int ka = 0; ka < a.indexByCode().length; ka++) {
      for (int kb = 0; kb < countB; kb++) {
        index[ka * countB + kb] = a.indexByCode()[ka] * sizeB + b.indexByCode()[kb];
      }
    }
    Column code = combine(a.code(), b.code(), (ca, cb) -> ca.multiply(countB).plus(cb));
    Column value = combine(a.value(), b.value(), (va, vb) -> vb.multiply(va));
    return new Entry(code, index, value);
  }

  /** {@code op(a, b)}, a null side standing for the identity: the other side alone (or null). */
  private static Column combine(Column a, Column b, BinaryOperator<Column> op) {
    if (a == null) {
      return b;
    }
    return b == null ? a : op.apply(a, b);
  }

  /**
   * {@code LinearRegressionModel.predict}: {@code 0.0 + x_i1 · β_i1 + x_i2 · β_i2 + … + intercept},
   * the entries in ascending index order as {@code BLAS.dot} adds a sparse vector's. An absent entry
   * adds 0.0 (an array slot past the coefficients), which leaves every sum unchanged.
   *
   * @param coefficients one per vector index
   * @throws IllegalArgumentException if the sizes differ
   */
  Column dot(double[] coefficients, double intercept) {
    if (coefficients.length != size) {
      throw new IllegalArgumentException("vector of size " + size + " against " + coefficients.length + " coefficients");
    }
    Column sum = lit(0.0);
    for (Entry e : entries) {
      Column coefficient;
      if (e.code() == null) {
        coefficient = lit(coefficients[e.indexByCode()[0]]);
      } else {
        int count = e.indexByCode().length;
        double[] byCode = new double[count + 1];
        for (int k = 0; k < count; k++) {
          byCode[k] = coefficients[e.indexByCode()[k]];
        }
        coefficient = element_at(lit(byCode), coalesce(e.code(), lit(count)).plus(1));
      }
      sum = sum.plus(e.value() == null ? coefficient : e.value().multiply(coefficient));
    }
    return sum.plus(lit(intercept));
  }
}
