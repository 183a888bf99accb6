package dev.tripcast.tables;

import dev.tripcast.errors.InvalidInputException;

/**
 * The name a table would be registered under in the session catalog ({@code tripcast.catalog.database})
 * is taken: by a table at another location (another warehouse's, or an older one's), or by a table
 * that is not Delta. Nothing was written and the catalog entry is left as it was; exit 2.
 */
public final class CatalogTableConflictException extends InvalidInputException {
  private final String database;
  private final String table;
  private final String registeredLocation;
  private final String location;

  /**
   * @param database the metastore database
   * @param table the table's name in it
   * @param registeredLocation where the catalog entry points ("(none)" if it has no location)
   * @param provider the entry's data source provider, e.g. "delta", "parquet", "hive"
   * @param location where this warehouse keeps the table
   */
  public CatalogTableConflictException(String database, String table, String registeredLocation, String provider,
      String location) {
    super(String.format("%s.%s is already in the session catalog as a %s table at %s, not this warehouse's Delta table"
        + " at %s: set tripcast.catalog.database to another database, or drop that catalog entry if it is stale",
        database, table, provider, registeredLocation, location), null);
    this.database = database;
    this.table = table;
    this.registeredLocation = registeredLocation;
    this.location = location;
  }

  /** The metastore database. */
  public String database() {
    return database;
  }

  /** The table's name in the database. */
  public String table() {
    return table;
  }

  /** Where the existing catalog entry points. */
  public String registeredLocation() {
    return registeredLocation;
  }

  /** Where this warehouse keeps the table. */
  public String location() {
    return location;
  }
}
