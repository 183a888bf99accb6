package dev.tripcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlJobTest {
  @Test
  void aScriptSplitsAtSemicolonsThatEndALine() {
    assertEquals(List.of("DESCRIBE HISTORY delta.`/t`", "SELECT ';' AS x FROM runs"),
        SqlJob.statements("DESCRIBE HISTORY delta.`/t`;\nSELECT ';' AS x FROM runs;\n"));
    assertEquals(List.of("SELECT 1"), SqlJob.statements("  SELECT 1  "));
    assertEquals(List.of("SELECT a\nFROM runs"), SqlJob.statements("SELECT a\nFROM runs;"));
  }
}
