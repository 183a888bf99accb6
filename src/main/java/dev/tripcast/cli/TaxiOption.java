package dev.tripcast.cli;

import dev.tripcast.ingest.TaxiType;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --taxi}, shared by every subcommand that reads or reports TLC months (a picocli mixin). */
final class TaxiOption {
  @Option(names = "--taxi", required = true, paramLabel = "TYPE", converter = Converter.class,
      description = "TLC layout: yellow, green, fhv or fhvhv.")
  TaxiType taxi;

  /** Parses one of the {@link TaxiType} ids, case-insensitive. */
  static final class Converter implements CommandLine.ITypeConverter<TaxiType> {
    @Override
    public TaxiType convert(String value) {
      return TaxiType.fromId(value).orElseThrow(() -> new CommandLine.TypeConversionException(
          "unknown taxi type '" + value + "': expected one of " + TaxiType.ids()));
    }
  }
}
