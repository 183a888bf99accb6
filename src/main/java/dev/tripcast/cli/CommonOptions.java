package dev.tripcast.cli;

import dev.tripcast.config.Settings;
import dev.tripcast.config.SettingsLoader;
import dev.tripcast.config.SparkVersionCheck;
import java.io.File;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every subcommand takes (a picocli mixin of {@link JobCommand}). */
final class CommonOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "HOCON file overriding the packaged reference.conf (e.g. conf/local.conf).")
  File config;

  @Option(names = {"-v", "--verbose"},
      description = "Log the effective settings at start and print the stack trace of an error.")
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
}
