package dev.tripcast.model;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tripcast.testing.TestSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The perfect-hash label index against the labels' own positions, the way StringIndexer (keep) numbers them. */
class LabelCodesTest {
  @Test
  void everyLabelGetsItsIndexAndUnseenOrNullLabelsTheLabelCount() {
    List<String> labels = new ArrayList<>();
    for (int pu = -1; pu <= 120; pu++) {
      for (int dozone = 0; dozone < 100; dozone += 3) {
        labels.add(pu + "_" + dozone);
      }
    }
    List<String> probes = new ArrayList<>(labels);
    probes.addAll(List.of("", "1_1", "999_999", "-1", "12_0 ", "_"));
    probes.add(null);
    Dataset<Row> codes = TestSpark.session().createDataset(probes, Encoders.STRING()).toDF("label")
        .withColumn("code", LabelCodes.code(col("label"), labels.toArray(new String[0])));

    List<Row> rows = codes.collectAsList();

    assertEquals(probes.size(), rows.size());
    for (Row r : rows) {
      int expected = r.isNullAt(0) || !labels.contains(r.getString(0)) ? labels.size() : labels.indexOf(r.getString(0));
      assertEquals(expected, r.getInt(1), "label " + r.get(0));
    }
  }

  @Test
  void noLabelsMeansEveryValueIsUnseen() {
    Dataset<Row> codes = TestSpark.session().createDataset(List.of("a", "b"), Encoders.STRING()).toDF("label")
        .withColumn("code", LabelCodes.code(col("label"), new String[0]));

    assertEquals(List.of(0, 0), codes.collectAsList().stream().map(r -> r.getInt(1)).toList());
  }
}
