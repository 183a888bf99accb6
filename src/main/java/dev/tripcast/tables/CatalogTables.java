package dev.tripcast.tables;

import dev.tripcast.errors.Undeclared;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import org.apache.spark.sql.internal.StaticSQLConf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables of a {@link Warehouse} by name in Spark's session catalog: each is registered in one
 * metastore database as an external Delta table at its path, {@code <database>.<table>}, so any
 * Spark SQL session on the same metastore reads it by name. The Delta log stays the table's only
 * state: the metastore entry holds its name, provider ({@code delta}) and location, nothing else
 * (Delta docs, "Create a table": a table created at an existing Delta table's location takes its
 * schema and properties from the log).
 *
 * <p>Needs a session catalog with a metastore ({@code spark.sql.catalogImplementation = hive},
 * Spark's Hive support; Spark docs, "Hive Tables"). Registration is idempotent and safe under
 * concurrent runs: {@code IF NOT EXISTS} on both statements, and a run that loses the metastore's
 * race to another run's registration finds that run's entry and checks it like its own.
 */
final class CatalogTables {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogTables.class);

  private final SparkSession spark;
  private final String database;

  /**
   * @param database a metastore database name (letters, digits, underscores, lower case)
   */
  CatalogTables(SparkSession spark, String database) {
    this.spark = spark;
    this.database = database;
  }

  /** The metastore database. */
  String database() {
    return database;
  }

  /**
   * Checks, writing nothing, that {@code table} may be registered at {@code location}: its name is
   * free, or registered as a Delta table at that location.
   *
   * @throws NoMetastoreException if the session's catalog keeps no metastore
   * @throws CatalogTableConflictException if the name is taken by another location or a table that is not Delta
   */
  void verify(Table table, String location) {
    requireMetastore();
    entry(table).ifPresent(entry -> requireSame(table, entry, location));
  }

  /**
   * Registers {@code table} (an existing Delta table at {@code location}) as
   * {@code <database>.<table>}: {@code CREATE DATABASE IF NOT EXISTS}, then
   * {@code CREATE TABLE IF NOT EXISTS ... USING delta LOCATION '<location>'}, which commits
   * nothing to the table; then checks the entry, whichever run made it.
   *
   * @throws NoMetastoreException as {@link #verify}
   * @throws CatalogTableConflictException as {@link #verify}
   */
  void register(Table table, String location) {
    requireMetastore();
    try {
      Undeclared.analysis(() -> spark.sql("CREATE DATABASE IF NOT EXISTS `" + database + "`"));
      Undeclared.analysis(() -> spark.sql("CREATE TABLE IF NOT EXISTS `" + database + "`.`" + table.name()
          + "` USING delta LOCATION " + Table.Key.sqlString(location)));
    } catch (AnalysisException e) { // another run registered the database or table in between: check its entry
      if (entry(table).isEmpty()) {
        throw Undeclared.rethrow(e);
      }
      LOG.info("{}.{} was registered by another run at the same moment ({})", database, table.name(),
          e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse(""));
    }
    CatalogTable entry = entry(table).orElseThrow(() -> new IllegalStateException(
        database + "." + table.name() + " is not in the session catalog after its registration"));
    requireSame(table, entry, location);
    LOG.info("registered {}.{} at {}", database, table.name(), location);
  }

  private void requireMetastore() {
    String implementation = spark.sparkContext().getConf().get(StaticSQLConf.CATALOG_IMPLEMENTATION().key(), "in-memory");
    if (!"hive".equals(implementation)) {
      throw new NoMetastoreException(database, implementation);
    }
  }

  /** The table's metastore entry as stored (no Delta log read); empty if the database or the name is absent. */
  private Optional<CatalogTable> entry(Table table) {
    SessionCatalog catalog = spark.sessionState().catalog();
    TableIdentifier name = new TableIdentifier(table.name(), scala.Option.apply(database));
    if (!catalog.databaseExists(database) || !catalog.tableExists(name)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Undeclared.analysis(() -> catalog.getTableRawMetadata(name)));
    } catch (AnalysisException e) { // dropped by someone else since tableExists
      return Optional.empty();
    }
  }

  private void requireSame(Table table, CatalogTable entry, String location) {
    String provider = entry.provider().isDefined() ? entry.provider().get() : "hive";
    String registered = entry.storage().locationUri().isDefined()
        ? normalised(entry.storage().locationUri().get().toString()) : "(none)";
    if (!"delta".equalsIgnoreCase(provider) || !registered.equals(normalised(location))) {
      throw new CatalogTableConflictException(database, table.name(), registered, provider, location);
    }
  }

  /** A location as Hadoop prints it, without a trailing slash, so the metastore's URI and ours compare equal. */
  private static String normalised(String location) {
    return new Path(location).toString().replaceAll("/+$", "");
  }
}
