package dev.tripcast.reports;

import dev.tripcast.features.TaxiZones;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The TLC taxi zone lookup ({@code taxi_zone_lookup.csv}, 265 zones), shipped inside the jar so
 * that reports need no path. Columns: {@code LocationID} int, {@code Borough}, {@code Zone},
 * {@code service_zone} strings. Zones 264 and 265 are TLC's "Unknown" borough.
 */
public final class ZoneLookup {
  /** Classpath location of the lookup file (a byte-for-byte copy of TLC's). */
  public static final String RESOURCE = TaxiZones.RESOURCE;

  private ZoneLookup() {}

  /** The lookup as a small Dataset (parsed by Spark's CSV reader from the bundled text). */
  public static Dataset<Row> load(SparkSession spark) {
    List<String> lines = Arrays.asList(TaxiZones.text().split("\r?\n"));
    Dataset<String> text = spark.createDataset(lines, Encoders.STRING());
    return spark.read()
        .option("header", "true")
        .schema("LocationID INT, Borough STRING, Zone STRING, service_zone STRING")
        .csv(text);
  }
}
