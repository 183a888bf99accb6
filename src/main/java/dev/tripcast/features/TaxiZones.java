package dev.tripcast.features;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The TLC taxi zone lookup ({@code taxi_zone_lookup.csv}, 265 zones) shipped inside the jar, as
 * plain Java values: the model's zone groups and the reports' borough names read the same file.
 * Zones 264 and 265 are TLC's "Unknown" borough.
 */
public final class TaxiZones {
  /** Classpath location of the lookup file (a byte-for-byte copy of TLC's). */
  public static final String RESOURCE = "/dev/tripcast/reports/taxi_zone_lookup.csv";

  private TaxiZones() {}

  /**
   * One row of the lookup.
   *
   * @param locationId TLC zone id, 1–265
   * @param borough e.g. "Manhattan", "Unknown"
   * @param zone e.g. "Newark Airport"
   * @param serviceZone e.g. "Yellow Zone", "Boro Zone", "Airports", "EWR", "N/A"
   */
  public record Zone(int locationId, String borough, String zone, String serviceZone) {}

  /** The lookup's text, header included. */
  public static String text() {
    try (InputStream in = TaxiZones.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("zone lookup missing from the jar: " + RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every zone of the lookup, in file order. */
  public static List<Zone> all() {
    List<Zone> out = new ArrayList<>();
    for (String line : text().split("\r?\n")) {
      if (line.isBlank() || line.startsWith("\"LocationID\"")) {
        continue;
      }
      String[] f = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1); // commas outside quotes
      out.add(new Zone(Integer.parseInt(f[0].trim()), unquote(f[1]), unquote(f[2]), unquote(f[3])));
    }
    return out;
  }

  private static String unquote(String field) {
    String t = field.trim();
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
  }
}
