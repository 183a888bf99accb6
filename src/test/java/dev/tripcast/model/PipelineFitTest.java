package dev.tripcast.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tripcast.testing.TestSpark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link PipelineFit} fits what {@link Pipeline#fit} fits, to the last bit, and leaves no
 * checkpoint behind: 3,000 rows of a zone pair (400 values) and a distance, a StringIndexer →
 * OneHotEncoder → VectorAssembler → L-BFGS LinearRegression, as in the course model.
 */
class PipelineFitTest {
  private static Dataset<Row> trips;

  @BeforeAll
  static void trips() {
    SparkSession spark = TestSpark.session();
    Random random = new Random(7);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      int pair = random.nextInt(400);
      double distance = 0.2 + 10 * random.nextDouble();
      rows.add(RowFactory.create("p" + pair, distance, 3 + 2.5 * distance + pair % 7 + random.nextGaussian()));
    }
    StructType schema = new StructType()
        .add("PU_DO", DataTypes.StringType)
        .add("trip_distance", DataTypes.DoubleType)
        .add("duration", DataTypes.DoubleType);
    trips = spark.createDataFrame(rows, schema).repartition(2).cache();
  }

  private static Pipeline pipeline(double regParam) {
    return new Pipeline().setStages(new PipelineStage[] {
        new StringIndexer().setInputCol("PU_DO").setOutputCol("PU_DO_index").setHandleInvalid("keep"),
        new OneHotEncoder().setInputCols(new String[] {"PU_DO_index"}).setOutputCols(new String[] {"PU_DO_vector"}),
        new VectorAssembler().setInputCols(new String[] {"PU_DO_vector", "trip_distance"}).setOutputCol("features"),
        new LinearRegression().setLabelCol("duration").setSolver("l-bfgs").setMaxIter(30).setTol(1e-9)
            .setRegParam(regParam)});
  }

  private static LinearRegressionModel regression(PipelineModel m) {
    return (LinearRegressionModel) m.stages()[m.stages().length - 1];
  }

  @Test
  void fitsTheSameStagesAndCoefficientsAsPipelineFit() {
    int persisted = TestSpark.session().sparkContext().getPersistentRDDs().size();
    PipelineModel spark = pipeline(0.01).fit(trips);
    PipelineModel ours = PipelineFit.fit(pipeline(0.01), trips);

    assertEquals(Arrays.stream(spark.stages()).map(t -> t.getClass().getName()).toList(),
        Arrays.stream(ours.stages()).map(t -> t.getClass().getName()).toList());
    assertEquals(401, regression(ours).numFeatures());
    assertArrayEquals(regression(spark).coefficients().toArray(), regression(ours).coefficients().toArray(), 0.0);
    assertEquals(regression(spark).intercept(), regression(ours).intercept(), 0.0);
    assertEquals(regression(spark).summary().totalIterations(), regression(ours).summary().totalIterations());
    assertEquals(persisted, TestSpark.session().sparkContext().getPersistentRDDs().size(), "checkpoint dropped");
  }

  @Test
  void fitEachEqualsOneFitPerPenalty() {
    Pipeline pipeline = pipeline(0.1);
    LinearRegression last = (LinearRegression) pipeline.getStages()[3];
    List<Double> penalties = List.of(0.1, 0.001);
    List<PipelineModel> each = PipelineFit.fitEach(pipeline, trips,
        penalties.stream().map(r -> new ParamMap().put(last.regParam(), (Object) r)).toList());

    assertEquals(2, each.size());
    for (int i = 0; i < penalties.size(); i++) {
      PipelineModel alone = pipeline(penalties.get(i)).fit(trips);
      assertEquals(penalties.get(i), regression(each.get(i)).getRegParam());
      assertArrayEquals(regression(alone).coefficients().toArray(), regression(each.get(i)).coefficients().toArray(), 0.0,
          "regParam " + penalties.get(i));
      assertEquals(regression(alone).intercept(), regression(each.get(i)).intercept(), 0.0);
    }
  }

  @Test
  void fitEachNeedsAnIterativeRegressionLast() {
    Pipeline normal = new Pipeline().setStages(new PipelineStage[] {
        new VectorAssembler().setInputCols(new String[] {"trip_distance"}).setOutputCol("features"),
        new LinearRegression().setLabelCol("duration").setSolver("normal")});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PipelineFit.fitEach(normal, trips, List.of(new ParamMap())));
    assertEquals("the pipeline's last stage must be an iterative LinearRegression", e.getMessage());
  }

  @Test
  void transformersOnlyAreChainedUntouched() {
    VectorAssembler assembler = new VectorAssembler().setInputCols(new String[] {"trip_distance"}).setOutputCol("features");
    PipelineModel m = PipelineFit.fit(new Pipeline().setStages(new PipelineStage[] {assembler}), trips);
    assertArrayEquals(new Transformer[] {assembler}, m.stages());
  }
}
