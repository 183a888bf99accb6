package dev.tripcast.cli;

import dev.tripcast.model.ModelRegistry;
import picocli.CommandLine;

/** Parses {@code --model-version}: a registry version "v1", "v2", … or "latest". */
final class ModelVersionConverter implements CommandLine.ITypeConverter<String> {
  @Override
  public String convert(String value) {
    if (!value.equals(ModelRegistry.LATEST) && !value.matches("v[1-9][0-9]*")) {
      throw new CommandLine.TypeConversionException(
          "invalid model version '" + value + "': expected v1, v2, ... or " + ModelRegistry.LATEST);
    }
    return value;
  }
}
