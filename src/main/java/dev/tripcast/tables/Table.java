package dev.tripcast.tables;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * One Delta table tripcast owns, described once: its name under the warehouse root, its schema,
 * its partition columns and the key a run replaces. A {@link Warehouse} creates, replaces a key
 * of, and reads any table from its descriptor alone, so adding a table is one descriptor (a
 * {@code public static final Table TABLE} beside the code that builds its rows) and no change to
 * the jobs' plumbing.
 *
 * @param name folder under the warehouse root and view name in {@code tripcast sql}, e.g. "scored_trips"
 * @param schema every column, in table order (nullability is not enforced)
 * @param partitionColumns Delta partition columns, a prefix-free subset of {@code keyColumns}' order
 * @param keyColumns the columns whose values identify what one run replaces, e.g. taxi_type, month
 * @param description one line for docs and {@code DESCRIBE}: what one row is
 */
public record Table(String name, StructType schema, List<String> partitionColumns, List<String> keyColumns,
    String description) {

  public Table {
    partitionColumns = List.copyOf(partitionColumns);
    keyColumns = List.copyOf(keyColumns);
    List<String> columns = Arrays.asList(schema.fieldNames());
    for (String c : concat(partitionColumns, keyColumns)) {
      if (!columns.contains(c)) {
        throw new IllegalArgumentException("table " + name + ": column " + c + " is not in its schema " + columns);
      }
    }
  }

  /**
   * A descriptor from a DDL schema, e.g. {@code Table.of("error_report", "taxi_type STRING, ...",
   * List.of("taxi_type", "month"), List.of("taxi_type", "month"), "...")}.
   */
  public static Table of(String name, String ddl, List<String> partitionColumns, List<String> keyColumns,
      String description) {
    return new Table(name, StructType.fromDDL(ddl), partitionColumns, keyColumns, description);
  }

  /**
   * The key of one replacement: one value per key column, in {@link #keyColumns()} order. A value
   * is a String (the column equals it) or a collection of Strings (the column is one of them).
   *
   * @throws IllegalArgumentException if the number of values differs from the key columns or a
   *     collection is empty
   */
  public Key key(Object... values) {
    if (values.length != keyColumns.size()) {
      throw new IllegalArgumentException("table " + name + " has key " + keyColumns + ", got " + values.length + " values");
    }
    Map<String, List<String>> match = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      List<String> accepted = values[i] instanceof Collection<?> many
          ? many.stream().map(String::valueOf).toList()
          : List.of(String.valueOf(values[i]));
      if (accepted.isEmpty()) {
        throw new IllegalArgumentException("table " + name + ": no value for key column " + keyColumns.get(i));
      }
      match.put(keyColumns.get(i), accepted);
    }
    return new Key(this, match);
  }

  /**
   * What one run replaces in a table: key column → accepted values.
   *
   * @param table the table the key belongs to
   * @param values key column → values, in key order
   */
  public record Key(Table table, Map<String, List<String>> values) {
    public Key {
      values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * The Spark SQL predicate of this key, e.g. {@code taxi_type IN ('green') AND month IN
     * ('2021-02')}: Delta's {@code replaceWhere} and every keyed read use it, so it is built here
     * and nowhere else.
     */
    public String predicate() {
      List<String> parts = new ArrayList<>();
      values.forEach((column, accepted) -> parts.add("`" + column + "` IN ("
          + String.join(", ", accepted.stream().map(Key::sqlString).toList()) + ")"));
      return String.join(" AND ", parts);
    }

    /**
     * A Spark SQL string literal of {@code value}. Spark escapes quotes with a backslash; a doubled
     * quote ({@code 'o''hare'}) would be two adjacent literals that Spark concatenates to "ohare".
     */
    static String sqlString(String value) {
      return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Override
    public String toString() {
      return table.name() + "[" + predicate() + "]";
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
