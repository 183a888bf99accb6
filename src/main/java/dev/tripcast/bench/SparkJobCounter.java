package dev.tripcast.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.scheduler.SparkListenerApplicationStart;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Counts the Spark jobs, stages and tasks an application runs, for {@code make bench}. Register
 * it without touching tripcast's code:
 *
 * <pre>
 * -Dspark.extraListeners=dev.tripcast.bench.SparkJobCounter -Dspark.tripcast.bench.counts=FILE
 * </pre>
 *
 * When the application ends ({@code SparkContext.stop}) it writes {@code FILE}, one
 * {@code key value} pair per line:
 *
 * <pre>
 * jobs N             jobs started
 * stages N           stages submitted (stages skipped because their shuffle output existed are not)
 * tasks N            tasks of the submitted stages
 * app_ms N           application start to end, milliseconds
 * job_ms N           sum of the jobs' wall times, milliseconds (app_ms - job_ms = driver-only time)
 * task_cpu_ms N      CPU time of all tasks, milliseconds (steadier than wall time on a shared machine)
 * </pre>
 *
 * and {@code FILE.jobs.tsv}: one line per job, {@code id, start ms (after the application start),
 * wall ms, stages, tasks, task CPU ms, call site} (the result stage's name, e.g. "save at Warehouse.java:110"),
 * to find where the time goes. Stable only as a benchmark tool ({@code @Evolving} in spirit).
 */
public final class SparkJobCounter extends SparkListener {
  /** The Spark setting naming the output file. */
  public static final String OUTPUT_SETTING = "spark.tripcast.bench.counts";

  private final Path output;
  private final Map<Integer, Job> jobs = new LinkedHashMap<>();
  private final Map<Integer, Integer> jobOfStage = new LinkedHashMap<>();
  private long stages;
  private long tasks;
  private long cpuNanos;
  private long appStart;

  /** Called by Spark with the application's configuration. */
  public SparkJobCounter(SparkConf conf) {
    this.output = Path.of(conf.get(OUTPUT_SETTING));
  }

  private static final class Job {
    final int id;
    final long start;
    final String callSite;
    long end;
    int stages;
    long tasks;
    long cpuNanos;

    Job(int id, long start, String callSite) {
      this.id = id;
      this.start = start;
      this.callSite = callSite;
    }
  }

  @Override
  public synchronized void onApplicationStart(SparkListenerApplicationStart event) {
    appStart = event.time();
  }

  @Override
  public synchronized void onJobStart(SparkListenerJobStart event) {
    String site = "";
    int resultStage = -1;
    scala.collection.Iterator<org.apache.spark.scheduler.StageInfo> infos = event.stageInfos().iterator();
    while (infos.hasNext()) {
      org.apache.spark.scheduler.StageInfo info = infos.next();
      if (info.stageId() > resultStage) { // the result stage has the highest id; its name is the call site
        resultStage = info.stageId();
        site = info.name();
      }
    }
    Job job = new Job(event.jobId(), event.time(), site);
    jobs.put(event.jobId(), job);
    scala.collection.Iterator<Object> ids = event.stageIds().iterator();
    while (ids.hasNext()) {
      jobOfStage.put((Integer) ids.next(), event.jobId());
    }
  }

  @Override
  public synchronized void onJobEnd(SparkListenerJobEnd event) {
    Job job = jobs.get(event.jobId());
    if (job != null) {
      job.end = event.time();
    }
  }

  @Override
  public synchronized void onStageSubmitted(SparkListenerStageSubmitted event) {
    stages++;
    Job job = jobs.get(jobOfStage.get(event.stageInfo().stageId()));
    if (job != null) {
      job.stages++;
    }
  }

  @Override
  public synchronized void onStageCompleted(SparkListenerStageCompleted event) {
    int n = event.stageInfo().numTasks();
    tasks += n;
    Job job = jobs.get(jobOfStage.get(event.stageInfo().stageId()));
    if (job != null) {
      job.tasks += n;
    }
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd event) {
    if (event.taskMetrics() == null) {
      return;
    }
    long cpu = event.taskMetrics().executorCpuTime();
    cpuNanos += cpu;
    Job job = jobs.get(jobOfStage.get(event.stageId()));
    if (job != null) {
      job.cpuNanos += cpu;
    }
  }

  @Override
  public synchronized void onApplicationEnd(SparkListenerApplicationEnd event) {
    long jobMs = jobs.values().stream().mapToLong(j -> Math.max(0, j.end - j.start)).sum();
    List<String> summary = List.of("jobs " + jobs.size(), "stages " + stages, "tasks " + tasks,
        "app_ms " + (event.time() - appStart), "job_ms " + jobMs, "task_cpu_ms " + cpuNanos / 1_000_000);
    List<String> detail = new ArrayList<>();
    detail.add("job\tstart_ms\tms\tstages\ttasks\ttask_cpu_ms\tcall_site");
    for (Job j : jobs.values()) {
      detail.add(j.id + "\t" + (j.start - appStart) + "\t" + Math.max(0, j.end - j.start) + "\t" + j.stages + "\t"
          + j.tasks + "\t" + j.cpuNanos / 1_000_000 + "\t" + j.callSite);
    }
    try {
      Files.write(output, summary, StandardCharsets.UTF_8);
      Files.write(Path.of(output + ".jobs.tsv"), detail, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output, e);
    }
  }
}
