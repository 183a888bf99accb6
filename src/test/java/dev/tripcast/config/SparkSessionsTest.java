package dev.tripcast.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link SparkSessions#sparkConf}: Spark's console progress bar is off unless a launcher asks for it. */
class SparkSessionsTest {
  private static final Settings DEFAULTS = SettingsLoader.load(Optional.empty());

  @Test
  void theConsoleProgressBarIsOffByDefault() {
    assertEquals("false", SparkSessions.sparkConf(DEFAULTS.spark(), DEFAULTS.s3(), false)
        .get(SparkSessions.CONSOLE_PROGRESS));
  }

  @Test
  void theLaunchersTurnItOnWithASystemPropertyWhenStderrIsATerminal() {
    System.setProperty(SparkSessions.CONSOLE_PROGRESS, "true"); // what jobs/tripcast passes under [[ -t 2 ]]
    try {
      assertEquals("true", SparkSessions.sparkConf(DEFAULTS.spark(), DEFAULTS.s3(), false)
          .get(SparkSessions.CONSOLE_PROGRESS));
    } finally {
      System.clearProperty(SparkSessions.CONSOLE_PROGRESS);
    }
  }
}
