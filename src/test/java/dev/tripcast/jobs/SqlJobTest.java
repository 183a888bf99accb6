package dev.tripcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tripcast.config.RunInfo;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SqlJob}: statements split, reads answered, and every statement that is not read-only
 * refused before anything runs, on a real Delta table (ids 0..4 written in two
 * commits, 0..2 then 3..4) referenced as {@code delta.`<path>`} (<code>{t}</code> in the statements).
 */
class SqlJobTest {
  private static final String REFUSED = "statement 1 of 1 does not only read, so nothing was run: %s (expected a query:"
      + " SELECT, WITH, VALUES, TABLE, FROM; or DESCRIBE, SHOW, EXPLAIN)";

  @TempDir static Path work;
  private static String trips;

  @BeforeAll
  static void twoCommitsOfFiveTrips() {
    SparkSession spark = TestSpark.session();
    String path = work.resolve("trips").toString();
    spark.range(0, 3).write().format("delta").save(path);
    spark.range(3, 5).write().format("delta").mode("append").save(path);
    trips = "delta.`" + path + "`";
  }

  @Test
  void aScriptSplitsAtSemicolonsThatEndALine() {
    assertEquals(List.of("DESCRIBE HISTORY delta.`/t`", "SELECT ';' AS x FROM runs"),
        SqlJob.statements("DESCRIBE HISTORY delta.`/t`;\nSELECT ';' AS x FROM runs;\n"));
    assertEquals(List.of("SELECT 1"), SqlJob.statements("  SELECT 1  "));
    assertEquals(List.of("SELECT a\nFROM runs"), SqlJob.statements("SELECT a\nFROM runs;"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "DELETE FROM {t} WHERE id > 2",
      "UPDATE {t} SET id = 0",
      "MERGE INTO {t} t USING (SELECT 1 AS id) s ON t.id = s.id WHEN MATCHED THEN DELETE",
      "INSERT INTO {t} VALUES (9)",
      "WITH s AS (SELECT 9 AS id) INSERT INTO {t} SELECT id FROM s",
      "INSERT OVERWRITE DIRECTORY '{dir}' USING parquet SELECT * FROM {t}",
      "DROP TABLE {t}",
      "DROP VIEW runs",
      "CREATE TABLE copy USING delta AS SELECT * FROM {t}",
      "CREATE TEMPORARY VIEW ids AS SELECT * FROM {t}",
      "ALTER TABLE {t} ADD COLUMNS (extra INT)",
      "TRUNCATE TABLE {t}",
      "OPTIMIZE {t}",
      "VACUUM {t} RETAIN 0 HOURS",
      "RESTORE TABLE {t} TO VERSION AS OF 0",
      "SET spark.sql.ansi.enabled = true",
      "CACHE TABLE {t}",
      "EXPLAIN DELETE FROM {t}"})
  void aStatementThatIsNotReadOnlyIsRefusedAndChangesNothing(String statement) {
    String sql = statement.replace("{t}", trips).replace("{dir}", work.resolve("out").toString());

    RefusedStatementException e = assertThrows(RefusedStatementException.class, () -> SqlJob.run(context(), sql, 10));

    assertEquals(String.format(REFUSED, sql), e.getMessage());
    assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
    assertEquals(List.of(5L, 2L), List.of(TestSpark.session().sql("SELECT * FROM " + trips).count(),
        TestSpark.session().sql("DESCRIBE HISTORY " + trips).count()), "rows and commits of " + trips);
  }

  @Test
  void aScriptWithOneWriteRunsNoneOfItsStatements() {
    String sql = "SELECT count(*) FROM " + trips + ";\nDELETE FROM " + trips + ";\nSELECT 1";

    RefusedStatementException e = assertThrows(RefusedStatementException.class, () -> SqlJob.run(context(), sql, 10));

    assertEquals("statement 2 of 3 does not only read, so nothing was run: DELETE FROM " + trips + " (expected a query:"
        + " SELECT, WITH, VALUES, TABLE, FROM; or DESCRIBE, SHOW, EXPLAIN)", e.getMessage());
    assertEquals(5L, TestSpark.session().sql("SELECT * FROM " + trips).count());
  }

  @Test
  void aStatementThatDoesNotParseIsRefusedWithTheParsersReason() {
    RefusedStatementException e = assertThrows(RefusedStatementException.class,
        () -> SqlJob.run(context(), "SELECT 1;\nSELEC id FROM runs", 10));

    // Spark 4 adds "SQLSTATE: 42601 " after the parser's sentence; the rest is the same on both lines.
    assertEquals("statement 2 of 2 does not parse, so nothing was run: SELEC id FROM runs ([PARSE_SYNTAX_ERROR] Syntax"
        + " error at or near 'SELEC'.(line 1, pos 0))", e.getMessage().replace(" SQLSTATE: 42601 ", ""));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "SELECT count(*) AS n FROM {t} WHERE id >= 3                          | 2",
      "WITH big AS (SELECT id FROM {t} WHERE id > 3) SELECT max(id) FROM big | 4",
      "TABLE {t} ORDER BY id DESC                                           | 4",
      "FROM {t} SELECT max(id)                                              | 4",
      "VALUES (7)                                                           | 7",
      "SELECT count(*) FROM {t} VERSION AS OF 0                             | 3",
      "DESCRIBE HISTORY {t}                                                 | 1",
      "DESCRIBE {t}                                                         | id",
      "SHOW COLUMNS IN {t}                                                  | id",
      "SHOW NAMESPACES                                                      | default",
      "EXPLAIN SELECT count(*) FROM {t}                                     | == Physical Plan =="})
  void aReadIsAnswered(String statement, String firstLine) {
    SqlJob.Results r = SqlJob.run(context(), statement.replace("{t}", trips), 10);

    assertEquals(firstLine, r.results().get(0).rows().get(0).get(0).lines().findFirst().orElse(""));
  }

  private static RunContext context() {
    return RunContext.open(TestSpark.session(), TestSettings.defaults(work.resolve("data"), work), RunInfo.start("sql"));
  }
}
