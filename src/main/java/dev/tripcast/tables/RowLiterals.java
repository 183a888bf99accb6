package dev.tripcast.tables;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One external {@link Row} as literal {@link Column}s, for Delta's {@code UPDATE … SET}
 * ({@code DeltaTable.update}), which takes expressions, not a source DataFrame. Each value is cast
 * to its field's type, so nulls, empty arrays and empty maps keep their types. Arrays may be Java
 * lists or Scala sequences, maps Java or Scala maps, structs {@link Row}s.
 */
final class RowLiterals {
  private RowLiterals() {}

  /** Column name → literal, in the schema's order. */
  static Map<String, Column> of(Row row, StructType schema) {
    Map<String, Column> set = new LinkedHashMap<>();
    for (StructField f : schema.fields()) {
      set.put("`" + f.name() + "`", literal(row.get(schema.fieldIndex(f.name())), f.dataType()));
    }
    return set;
  }

  @SuppressWarnings("deprecation") // JavaConverters is the Scala 2.12 way
  private static Column literal(Object value, DataType type) {
    if (value == null) {
      return lit(null).cast(type);
    }
    if (type instanceof ArrayType a) {
      List<?> values = value instanceof scala.collection.Seq<?> s
          ? scala.collection.JavaConverters.seqAsJavaList(s) : (List<?>) value;
      List<Column> elements = new ArrayList<>();
      values.forEach(v -> elements.add(literal(v, a.elementType())));
      return array(elements.toArray(new Column[0])).cast(type);
    }
    if (type instanceof MapType m) {
      Map<?, ?> entries = value instanceof scala.collection.Map<?, ?> s
          ? scala.collection.JavaConverters.mapAsJavaMap(s) : (Map<?, ?>) value;
      List<Column> keysAndValues = new ArrayList<>();
      entries.forEach((k, v) -> {
        keysAndValues.add(literal(k, m.keyType()));
        keysAndValues.add(literal(v, m.valueType()));
      });
      return map(keysAndValues.toArray(new Column[0])).cast(type);
    }
    if (type instanceof StructType s) {
      Row r = (Row) value;
      List<Column> fields = new ArrayList<>();
      for (StructField f : s.fields()) {
        fields.add(literal(r.get(s.fieldIndex(f.name())), f.dataType()).as(f.name()));
      }
      return struct(fields.toArray(new Column[0])).cast(type);
    }
    return lit(value).cast(type);
  }
}
