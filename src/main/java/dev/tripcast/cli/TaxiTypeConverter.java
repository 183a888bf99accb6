package dev.tripcast.cli;

import dev.tripcast.ingest.TaxiType;
import picocli.CommandLine;

/** Parses {@code --taxi}: one of the {@link TaxiType} ids, case-insensitive. */
final class TaxiTypeConverter implements CommandLine.ITypeConverter<TaxiType> {
  @Override
  public TaxiType convert(String value) {
    return TaxiType.fromId(value).orElseThrow(() -> new CommandLine.TypeConversionException(
        "unknown taxi type '" + value + "': expected one of " + TaxiType.ids()));
  }
}
