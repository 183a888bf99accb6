package dev.tripcast.cli;

import dev.tripcast.config.Settings;
import dev.tripcast.config.SettingsLoader;
import dev.tripcast.config.SparkVersionCheck;
import java.io.File;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every subcommand takes (a picocli mixin). */
final class CommonOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "HOCON file overriding the packaged reference.conf (e.g. conf/local.conf).")
  File config;

  @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors.")
  boolean verbose;

  @Option(names = "--dry-run",
      description = "Check the arguments, the configuration and the Spark version, print what would run,"
          + " and exit 0 without starting Spark.")
  boolean dryRun;

  /**
   * Checks the Spark on the classpath, then loads the settings. Starts nothing.
   *
   * @throws dev.tripcast.errors.InvalidInputException if Spark is not 3.5, or the configuration is
   *     missing, unparsable or invalid
   */
  Settings settings() {
    SparkVersionCheck.requireSupported();
    return SettingsLoader.load(Optional.ofNullable(config)
        .map(file -> ConfigFileLocator.resolve(file, System.getProperty("spark.files"))));
  }

  /**
   * With {@code --dry-run}, prints the plan and the effective locations and returns true: the
   * command then returns {@code OK} without starting Spark. Without it, returns false.
   *
   * @param plan what the command would do, e.g. "score green 2021-02 with model latest"
   */
  boolean dryRunDone(PrintWriter out, Settings settings, String plan) {
    if (!dryRun) {
      return false;
    }
    out.printf("dry run: would %s (arguments, configuration and Spark %s checked; nothing started)%n",
        plan, SparkVersionCheck.running());
    out.printf("  data-root       %s%n  warehouse-root  %s%n  model-root      %s%n",
        settings.paths().dataRoot(), settings.paths().warehouseRoot(), settings.paths().modelRoot());
    out.flush();
    return true;
  }
}
