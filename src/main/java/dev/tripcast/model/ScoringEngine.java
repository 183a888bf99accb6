package dev.tripcast.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a {@link DurationModel} scores trips ({@code tripcast.scoring.engine}). Both give the same
 * {@code prediction} and {@code pu_do_seen}; they differ in speed and in the intermediate columns
 * they leave behind.
 */
public enum ScoringEngine {
  /**
   * The fitted stages turned into native Spark SQL columns ({@link CompiledPipeline}), which
   * Spark's code generation compiles like any projection; a pipeline with a stage the compiler does
   * not know scores with {@link #MLLIB}.
   */
  COMPILED("compiled"),
  /** {@code PipelineModel.transform}: MLlib's UDFs and vectors, the reference of every test. */
  MLLIB("mllib");

  private final String id;

  ScoringEngine(String id) {
    this.id = id;
  }

  /** The configuration value, e.g. "compiled". */
  public String id() {
    return id;
  }

  /** Parses a configuration value; empty if unknown. */
  public static Optional<ScoringEngine> fromId(String id) {
    return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst();
  }

  /** The accepted configuration values. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(ScoringEngine::id).toList();
  }
}
