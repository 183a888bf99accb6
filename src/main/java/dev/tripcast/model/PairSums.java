package dev.tripcast.model;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Sums keyed by a non-negative {@code long} (a pair of feature indexes, {@code i × p + j}): an
 * open-addressing hash table of primitive arrays, linear probing, doubled at 60 % load. Holds
 * the upper triangle of a sparse XᵀX ({@link RidgeStatistics}) without boxing a value per entry:
 * about 16 bytes per slot, 27–53 bytes per pair held.
 */
final class PairSums implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long EMPTY = -1L;

  private long[] keys;
  private double[] values;
  private int size;

  PairSums() {
    this(1 << 10);
  }

  private PairSums(int capacity) {
    keys = new long[capacity];
    values = new double[capacity];
    Arrays.fill(keys, EMPTY);
  }

  /** Pairs held. */
  int size() {
    return size;
  }

  /** Adds {@code value} to the sum of {@code key} (&gt;= 0), which starts at 0. */
  void add(long key, double value) {
    int mask = keys.length - 1;
    int slot = slot(key, mask);
    while (keys[slot] != EMPTY && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    if (keys[slot] == EMPTY) {
      keys[slot] = key;
      size++;
      values[slot] = value;
      if (size * 5 > keys.length * 3) {
        grow();
      }
    } else {
      values[slot] += value;
    }
  }

  /** Adds every sum of {@code other} to this one's. */
  void addAll(PairSums other) {
    for (int s = 0; s < other.keys.length; s++) {
      if (other.keys[s] != EMPTY) {
        add(other.keys[s], other.values[s]);
      }
    }
  }

  /** Calls {@code visitor} once per pair held, in no particular order. */
  void forEach(Visitor visitor) {
    for (int s = 0; s < keys.length; s++) {
      if (keys[s] != EMPTY) {
        visitor.visit(keys[s], values[s]);
      }
    }
  }

  /** A consumer of (key, sum). */
  @FunctionalInterface
  interface Visitor {
    void visit(long key, double sum);
  }

  private void grow() {
    long[] oldKeys = keys;
    double[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new double[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    int mask = keys.length - 1;
    for (int s = 0; s < oldKeys.length; s++) {
      if (oldKeys[s] != EMPTY) {
        int slot = slot(oldKeys[s], mask);
        while (keys[slot] != EMPTY) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[s];
        values[slot] = oldValues[s];
      }
    }
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
