package dev.tripcast.cli;

import dev.tripcast.model.ModelRef;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --model}: which saved model scores (a picocli mixin). */
final class ModelOption {
  @Option(names = {"--model", "--model-version"}, paramLabel = "MODEL", defaultValue = ModelRef.LATEST,
      converter = Converter.class,
      description = "Model version (v1, v2, ...) or 'latest' (default: ${DEFAULT-VALUE}).")
  ModelRef model;

  /** Parses {@link ModelRef#parse}; the option name is filled in by the error handler. */
  static final class Converter implements CommandLine.ITypeConverter<ModelRef> {
    @Override
    public ModelRef convert(String value) {
      try {
        return ModelRef.parse("--model", value);
      } catch (RuntimeException e) {
        throw new CommandLine.TypeConversionException(
            "invalid model version '" + value + "': expected v1, v2, ... or " + ModelRef.LATEST);
      }
    }
  }
}
