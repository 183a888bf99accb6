package dev.tripcast.config;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Identity of one job run, recorded in Delta commits ({@code userMetadata}), the model card and
 * the logs.
 *
 * @param id unique run id, e.g. "score-20261129T162300Z-1a2b3c4d"
 * @param job the subcommand ("train", "score")
 * @param startedAt run start, a UTC instant (second precision)
 */
public record RunInfo(String id, String job, Instant startedAt) {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** A new run of {@code job} starting now. */
  public static RunInfo start(String job) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return new RunInfo(job + "-" + STAMP.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8), job, now);
  }
}
