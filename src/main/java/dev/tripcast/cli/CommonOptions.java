package dev.tripcast.cli;

import dev.tripcast.config.Settings;
import dev.tripcast.config.SettingsLoader;
import java.io.File;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every subcommand takes (a picocli mixin). */
final class CommonOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "HOCON file overriding the packaged reference.conf (e.g. conf/local.conf).")
  File config;

  @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors.")
  boolean verbose;

  Settings settings() {
    return SettingsLoader.load(Optional.ofNullable(config));
  }
}
