package dev.tripcast.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link LongKeyedSums} against a {@link HashMap} doing the same sums. */
class LongKeyedSumsTest {
  @Test
  void sumsEqualAHashMapsThroughManyGrowthsAndCollidingKeys() {
    LongKeyedSums map = new LongKeyedSums(2);
    Map<Long, double[]> expected = new HashMap<>();
    Random random = new Random(7);
    boolean[] added = new boolean[1];
    for (int i = 0; i < 200_000; i++) {
      // key ids 0..299 in the high half, bins 0..999 in the low half: the layout KeyedBinSums uses,
      // whose Long.hashCode collides (key ^ bin)
      long key = ((long) random.nextInt(300) << 32) | random.nextInt(1000);
      double value = random.nextDouble();
      int at = map.offset(key, added);
      assertEquals(!expected.containsKey(key), added[0]);
      map.slots()[at] += 1;
      map.slots()[at + 1] += value;
      double[] e = expected.computeIfAbsent(key, k -> new double[2]);
      e[0] += 1;
      e[1] += value;
    }
    Map<Long, double[]> actual = new HashMap<>();
    map.forEach((key, at) -> actual.put(key, new double[] {map.slots()[at], map.slots()[at + 1]}));
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((key, e) -> {
      assertEquals(e[0], actual.get(key)[0], 0.0, "count of " + key);
      assertEquals(e[1], actual.get(key)[1], 1e-9, "sum of " + key);
    });
  }
}
