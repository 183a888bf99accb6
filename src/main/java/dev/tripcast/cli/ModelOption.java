package dev.tripcast.cli;

import dev.tripcast.model.ModelAliases;
import dev.tripcast.model.ModelRef;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --model}: which saved model scores, {@code champion} by default (a picocli mixin). */
final class ModelOption {
  @Option(names = {"--model", "--model-version"}, paramLabel = "MODEL", defaultValue = ModelAliases.CHAMPION,
      converter = Converter.class,
      description = "Model alias (champion, challenger), version (v1, v2, ...) or 'latest' (default: ${DEFAULT-VALUE};"
          + " a registry without a champion promotes its first version).")
  ModelRef model;

  /** Parses {@link ModelRef#parse}; the option name is filled in by the error handler. */
  static final class Converter implements CommandLine.ITypeConverter<ModelRef> {
    @Override
    public ModelRef convert(String value) {
      try {
        return ModelRef.parse("--model", value);
      } catch (RuntimeException e) {
        throw new CommandLine.TypeConversionException(
            "invalid model version '" + value + "': expected v1, v2, ..., " + ModelRef.LATEST + ", "
                + String.join(" or ", ModelRef.ALIASES));
      }
    }
  }
}
