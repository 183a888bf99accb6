package dev.tripcast.synth;

import dev.tripcast.errors.InvalidInputException;

/**
 * {@code tripcast synth} resamples only Parquet months; exit 2.
 */
public final class SyntheticSourceNotParquetException extends InvalidInputException {
  private final String path;

  public SyntheticSourceNotParquetException(String path) {
    super(String.format(
        "%s is not Parquet: tripcast synth resamples TLC's Parquet months (use a month published as Parquet)", path), null);
    this.path = path;
  }

  /** The source month file. */
  public String path() {
    return path;
  }
}
