package dev.tripcast.notebooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A notebook's Markdown: prose from a template on the classpath ({@code notebooks/<name>}) in
 * which every number is a {@code {{key}}} placeholder, filled from values the generator computed.
 * A placeholder without a value, or a value without a placeholder, is a programming error: the
 * export must never show a number that was typed by hand or a figure nobody computed.
 */
final class Template {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z0-9_]+)}}");

  private final Map<String, String> values = new LinkedHashMap<>();

  /** Sets a placeholder's text. */
  Template put(String key, String value) {
    if (values.putIfAbsent(key, value) != null) {
      throw new IllegalStateException("placeholder set twice: " + key);
    }
    return this;
  }

  /** Sets a count, with thousands separators ("76,518"). */
  Template count(String key, long n) {
    return put(key, String.format(Locale.ROOT, "%,d", n));
  }

  /** Sets a share (0..1) as a percentage with {@code decimals} decimals ("3.41 %"). */
  Template percent(String key, double share, int decimals) {
    return put(key, percent(share, decimals));
  }

  /** Sets a decimal number with {@code decimals} decimals and thousands separators. */
  Template number(String key, double x, int decimals) {
    return put(key, number(x, decimals));
  }

  static String percent(double share, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f %%", 100 * share);
  }

  static String number(double x, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", x);
  }

  /**
   * Fills the template {@code notebooks/<name>}.
   *
   * @throws IllegalStateException if a placeholder has no value or a value no placeholder
   */
  String render(String name) {
    String text = read("/notebooks/" + name);
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    java.util.Set<String> used = new java.util.HashSet<>();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException(name + ": no value for placeholder {{" + m.group(1) + "}}");
      }
      used.add(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    java.util.Set<String> unused = new java.util.TreeSet<>(values.keySet());
    unused.removeAll(used);
    if (!unused.isEmpty()) {
      throw new IllegalStateException(name + ": values without a placeholder: " + unused);
    }
    return out.toString();
  }

  private static String read(String resource) {
    try (InputStream in = Template.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no template " + resource + " on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
