package dev.tripcast.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamPair;
import scala.collection.JavaConverters;

/** Lists every explicitly set or default parameter of each stage, for the model card and logs. */
public final class PipelineParams {
  private PipelineParams() {}

  /** stage uid → param name → value, walking nested pipelines in order. */
  public static Map<String, Map<String, String>> describe(PipelineModel model) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    collect(model, out);
    return out;
  }

  private static void collect(Transformer stage, Map<String, Map<String, String>> out) {
    if (stage instanceof PipelineModel pm) {
      for (Transformer inner : pm.stages()) {
        collect(inner, out);
      }
      return;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (ParamPair<?> p : JavaConverters.seqAsJavaList(stage.extractParamMap().toSeq())) {
      Object v = p.value();
      params.put(p.param().name(), v instanceof Object[] arr ? java.util.Arrays.toString(arr) : String.valueOf(v));
    }
    out.put(stage.uid(), new java.util.TreeMap<>(params));
  }
}
