package dev.tripcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Progress}: the estimate of what is left is the mean time per finished step. */
class ProgressTest {
  @Test
  void estimatesTheRestAtTheMeanTimePerStep() {
    Progress p = new Progress(2, 5, Duration.ofSeconds(82));

    assertEquals(Duration.ofSeconds(123), p.remaining());
    assertEquals("month 2 of 5, 1m 22s elapsed, about 2m 03s left", p.describe("month"));
  }

  @Test
  void saysDoneAtTheLastStep() {
    assertEquals("month 3 of 3, 45s elapsed, done", new Progress(3, 3, Duration.ofMillis(45_200)).describe("month"));
  }
}
