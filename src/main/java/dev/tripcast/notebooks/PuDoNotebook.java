package dev.tripcast.notebooks;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.tripcast.features.FeatureColumns;
import dev.tripcast.ingest.TripColumns;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Notebook 3: how many PU_DO pairs each shipped month has, and which share of its kept trips
 * carries a pair never seen in the training month: the trips the back-off model predicts.
 */
final class PuDoNotebook {
  static final String FILE = "03-pu-do-pairs.md";
  private static final String SEEN = "seen_in_training";

  private PuDoNotebook() {}

  static Page write(ExplorationData data, Path figures) {
    Dataset<Row> trainPairs = data.kept(ExplorationData.TRAIN).select(FeatureColumns.PU_DO).distinct()
        .withColumn(SEEN, lit(true));
    List<Row> perMonth = data.kept().join(trainPairs, FeatureColumns.PU_DO, "left")
        .groupBy(TripColumns.MONTH)
        .agg(count(lit(1)), countDistinct(col(FeatureColumns.PU_DO)),
            sum(when(col(SEEN).isNull(), 1).otherwise(0)),
            countDistinct(when(col(SEEN).isNull(), col(FeatureColumns.PU_DO))))
        .orderBy(TripColumns.MONTH).collectAsList();

    DefaultCategoryDataset pairs = new DefaultCategoryDataset();
    DefaultCategoryDataset unseen = new DefaultCategoryDataset();
    StringBuilder table = new StringBuilder(
        "| month | kept trips | distinct PU_DO | PU_DO not in " + ExplorationData.TRAIN + " | trips with such a pair | share of trips |\n"
            + "|---|---:|---:|---:|---:|---:|\n");
    double maxShare = 0;
    String maxMonth = "";
    double sumShare = 0;
    int later = 0;
    for (Row r : perMonth) {
      String month = r.getString(0);
      long trips = r.getLong(1);
      long unseenTrips = r.getLong(3);
      double share = (double) unseenTrips / trips;
      pairs.addValue(r.getLong(2), "distinct PU_DO", month);
      unseen.addValue(100 * share, "unseen", month);
      table.append(String.format(java.util.Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %s |\n", month, trips,
          r.getLong(2), r.getLong(4), unseenTrips, Template.percent(share, 2)));
      if (!month.equals(ExplorationData.TRAIN.toString())) {
        sumShare += share;
        later++;
        if (share > maxShare) {
          maxShare = share;
          maxMonth = month;
        }
      }
    }
    String pairsFigure = "03-pu-do-per-month.png";
    Charts.save(Charts.bars("Distinct PU_DO pairs per month (kept trips, green)", "month",
        "distinct PU_DO pairs", pairs, false, true), figures.resolve(pairsFigure));
    String unseenFigure = "03-unseen-share.png";
    Charts.save(Charts.bars("Kept trips whose PU_DO pair is not in " + ExplorationData.TRAIN, "month",
        "share of kept trips (%)", unseen, false, true), figures.resolve(unseenFigure));

    Row train = perMonth.stream().filter(r -> r.getString(0).equals(ExplorationData.TRAIN.toString())).findFirst()
        .orElseThrow();
    Row valid = perMonth.stream().filter(r -> r.getString(0).equals(ExplorationData.VALID.toString())).findFirst()
        .orElseThrow();
    Template t = new Template()
        .put("train", ExplorationData.TRAIN.toString())
        .put("valid", ExplorationData.VALID.toString())
        .put("first", data.months().get(0).toString())
        .put("last", data.months().get(data.months().size() - 1).toString())
        .count("months", perMonth.size())
        .put("pairs_figure", "figures/" + pairsFigure)
        .put("unseen_figure", "figures/" + unseenFigure)
        .count("train_pairs", train.getLong(2))
        .count("possible_pairs", (long) TripColumns.MAX_ZONE_ID * TripColumns.MAX_ZONE_ID)
        .count("train_kept", train.getLong(1))
        .percent("valid_share", (double) valid.getLong(3) / valid.getLong(1), 1)
        .count("valid_unseen", valid.getLong(3))
        .percent("mean_share", sumShare / later, 1)
        .percent("max_share", maxShare, 1)
        .put("max_month", maxMonth)
        .put("table", table.toString().stripTrailing());
    return Page.of(FILE, t);
  }
}
