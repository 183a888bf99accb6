package dev.tripcast.ingest;

import dev.tripcast.errors.InvalidInputException;

/**
 * A TLC file uses the layout from before zone ids were published (pickup/dropoff latitude and
 * longitude; TLC published zone ids from July 2016 on); exit 2.
 */
public final class LayoutBeforeZoneIdsException extends InvalidInputException {
  private final String path;
  private final String idColumn;

  public LayoutBeforeZoneIdsException(String path, String idColumn) {
    super(String.format("%s has pickup/dropoff latitude and longitude but no %s: TLC published zone ids only from July 2016 on, "
        + "and tripcast's features need them; use a later month", path, idColumn), null);
    this.path = path;
    this.idColumn = idColumn;
  }

  /** The file. */
  public String path() {
    return path;
  }

  /** The zone id column it lacks, e.g. {@code PULocationID}. */
  public String idColumn() {
    return idColumn;
  }
}
