package dev.tripcast.config;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective {@link Settings} as an indented block, one setting per line, for the start-up log:
 *
 * <pre>
 * paths
 *   dataRoot = data/tlc
 *   ...
 * spark
 *   conf
 *     spark.sql.shuffle.partitions = 8
 * </pre>
 *
 * Secrets are masked as in {@link Secrets}: the value of every map key that names a secret, and
 * user info in any URL ({@code http://u:p@host} prints as {@code http://*****@host}).
 */
public final class SettingsPrinter {
  private static final String INDENT = "  ";

  private SettingsPrinter() {}

  /** The block, lines joined with '\n', no trailing newline. */
  public static String describe(Settings settings) {
    List<String> lines = new ArrayList<>();
    components(settings, "", lines);
    return String.join("\n", lines);
  }

  private static void components(Record record, String indent, List<String> lines) {
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      value(c.getName(), read(c, record), indent, lines);
    }
  }

  private static void value(String name, Object v, String indent, List<String> lines) {
    if (v instanceof Optional<?> o) {
      value(name, o.orElse(null), indent, lines);
    } else if (v instanceof Record r) {
      lines.add(indent + name);
      components(r, indent + INDENT, lines);
    } else if (v instanceof Map<?, ?> m) {
      lines.add(indent + name + (m.isEmpty() ? " = {}" : ""));
      m.forEach((k, x) -> lines.add(indent + INDENT + k + " = "
          + (Secrets.isSecretKey(String.valueOf(k)) ? Secrets.MASK : text(x))));
    } else {
      lines.add(indent + name + " = " + text(v));
    }
  }

  private static String text(Object v) {
    if (v == null) {
      return "(none)";
    }
    if (v instanceof Enum<?> e) {
      return e.name().toLowerCase(java.util.Locale.ROOT);
    }
    return Secrets.maskUserInfo(String.valueOf(v));
  }

  private static Object read(RecordComponent c, Record record) {
    try {
      return c.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read setting " + c.getName(), e);
    }
  }
}
