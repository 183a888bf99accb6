package dev.tripcast.model;

import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A fitted {@code StringIndexer}'s label → index map as one native Spark SQL expression: a
 * minimal perfect hash ("hash and displace") over the labels, evaluated with Spark's own
 * {@code xxhash64}, whose slot holds the label (to tell an unseen label apart) and its index.
 *
 * <p>Per row: two {@code xxhash64} of the label, three array look-ups and one string comparison,
 * whatever the number of labels: a map literal or a {@code CASE} chain would scan the labels.
 * The arrays are literals, so whole-stage code generation holds them as constants.
 */
final class LabelCodes {
  /** The seed of Spark's {@code xxhash64} function. */
  private static final long SPARK_XXHASH64_SEED = 42L;
  /** Displacements tried per bucket before the table is declared impossible (it never is at half load). */
  private static final int MAX_DISPLACEMENT = 1 << 20;

  private LabelCodes() {}

  /**
   * The index of {@code label} among {@code labels} (int, 0-based), or {@code labels.length} for
   * a null or unseen label: what {@code StringIndexerModel} with {@code handleInvalid = keep} gives.
   *
   * @param label a string column (the indexer's input cast to string)
   * @param labels the fitted labels, in index order, distinct
   */
  static Column code(Column label, String[] labels) {
    int n = labels.length;
    if (n == 0) {
      return lit(0);
    }
    int buckets = Math.max(1, n / 2);
    int slots = 2 * n;
    long[] hashes = new long[n];
    List<List<Integer>> byBucket = new ArrayList<>();
    for (int b = 0; b < buckets; b++) {
      byBucket.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      hashes[i] = XXH64.hashUTF8String(UTF8String.fromString(labels[i]), SPARK_XXHASH64_SEED);
      byBucket.get((int) Math.floorMod(hashes[i], (long) buckets)).add(i);
    }
    int[] displacement = new int[buckets];
    String[] keys = new String[slots];
    int[] codes = new int[slots];
    Arrays.fill(codes, n);
    Integer[] order = new Integer[buckets];
    Arrays.setAll(order, b -> b);
    Arrays.sort(order, Comparator.comparingInt((Integer b) -> byBucket.get(b).size()).reversed());
    for (int b : order) {
      List<Integer> members = byBucket.get(b);
      if (members.isEmpty()) {
        break;
      }
      displacement[b] = place(members, hashes, keys, slots);
      for (int i : members) {
        int s = slot(hashes[i], displacement[b], slots);
        keys[s] = labels[i];
        codes[s] = i;
      }
    }
    Column bucket = pmod(xxhash64(label), lit(buckets)).cast("int");
    Column d = element_at(lit(displacement), bucket.plus(1));
    Column slot = pmod(xxhash64(label, d), lit(slots)).cast("int").plus(1);
    return when(element_at(lit(keys), slot).equalTo(label), element_at(lit(codes), slot)).otherwise(lit(n));
  }

  /** The first displacement that puts every member of a bucket into a distinct free slot. */
  private static int place(List<Integer> members, long[] hashes, String[] keys, int slots) {
    for (int d = 0; d < MAX_DISPLACEMENT; d++) {
      Set<Integer> taken = new HashSet<>();
      boolean fits = true;
      for (int i : members) {
        int s = slot(hashes[i], d, slots);
        if (keys[s] != null || !taken.add(s)) {
          fits = false;
          break;
        }
      }
      if (fits) {
        return d;
      }
    }
    throw new IllegalStateException("no displacement places a bucket of " + members.size() + " labels");
  }

  /** {@code pmod(xxhash64(label, d), slots)} as Spark computes it: the label's hash seeds the int's. */
  private static int slot(long labelHash, int d, int slots) {
    return (int) Math.floorMod(XXH64.hashInt(d, labelHash), (long) slots);
  }
}
