package dev.tripcast.ingest;

import dev.tripcast.errors.InvalidInputException;
import java.util.Collection;
import java.util.List;

/**
 * A TLC month file lacks a column the job needs; exit 2. The message names the layout (the file
 * name's part before {@code _tripdata_}) and the columns the file has.
 */
public final class MissingColumnException extends InvalidInputException {
  private final String path;
  private final String column;
  private final List<String> present;

  /**
   * @param path the file
   * @param column the column it lacks, as the layout names it
   * @param present the columns it has
   */
  public MissingColumnException(String path, String column, Collection<String> present) {
    super(String.format("%s has no column %s required by the %s layout (columns present: %s)",
        path, column, layoutOf(path), String.join(", ", present)), null);
    this.path = path;
    this.column = column;
    this.present = List.copyOf(present);
  }

  /** The file. */
  public String path() {
    return path;
  }

  /** The column it lacks. */
  public String column() {
    return column;
  }

  /** The columns it has. */
  public List<String> present() {
    return present;
  }

  private static String layoutOf(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int cut = name.indexOf("_tripdata_");
    return cut > 0 ? name.substring(0, cut) : "TLC";
  }
}
