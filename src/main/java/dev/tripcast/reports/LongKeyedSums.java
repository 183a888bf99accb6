package dev.tripcast.reports;

/**
 * An open-addressing hash map from a {@code long} key to a fixed number of {@code double} slots,
 * for {@link KeyedBinSums}: no boxing, one probe sequence per update, keys spread by the MurmurHash3
 * 64-bit finalizer (a plain {@code Long.hashCode} of "key in the high half, bin in the low half"
 * collides for whole families of keys). Not thread-safe; grows at half full.
 */
final class LongKeyedSums {
  private final int width;
  private long[] keys;
  private boolean[] used;
  private double[] slots;
  private int size;

  /** @param width doubles per key */
  LongKeyedSums(int width) {
    this.width = width;
    allocate(1 << 10);
  }

  /**
   * The offset in {@link #slots()} of {@code key}'s doubles, adding the key (its doubles zero)
   * if absent; {@code added[0]} says which. The offset is valid until the next call.
   */
  int offset(long key, boolean[] added) {
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    for (int i = (int) mix(key) & mask; ; i = (i + 1) & mask) {
      if (!used[i]) {
        used[i] = true;
        keys[i] = key;
        size++;
        added[0] = true;
        return i * width;
      }
      if (keys[i] == key) {
        added[0] = false;
        return i * width;
      }
    }
  }

  /** The doubles of every key, {@code width} per slot ({@link #offset}). */
  double[] slots() {
    return slots;
  }

  /** Calls {@code visit} with each key and the offset of its doubles. */
  void forEach(Visitor visit) {
    for (int i = 0; i < keys.length; i++) {
      if (used[i]) {
        visit.accept(keys[i], i * width);
      }
    }
  }

  /** A key and the offset of its doubles in {@link #slots()}. */
  interface Visitor {
    void accept(long key, int offset);
  }

  private void grow() {
    long[] oldKeys = keys;
    boolean[] oldUsed = used;
    double[] oldSlots = slots;
    allocate(keys.length * 2);
    boolean[] added = new boolean[1];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldUsed[i]) {
        int to = offset(oldKeys[i], added);
        System.arraycopy(oldSlots, i * width, slots, to, width);
      }
    }
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    used = new boolean[capacity];
    slots = new double[capacity * width];
    size = 0;
  }

  /** MurmurHash3's fmix64. */
  private static long mix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
