package dev.tripcast;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tripcast.cli.Tripcast;
import dev.tripcast.jobs.RunContext;
import dev.tripcast.tables.LogStorePolicy;
import dev.tripcast.tables.Warehouse;
import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The package shape, checked on the compiled main classes: packages follow the data's path
 * (ingest → features → model → scoring → reports → monitoring → htmlreport), with no cycle between them; the
 * domain packages never reach up into the jobs, the CLI or the configuration; only the jobs
 * compose them. Tools (bench, synth, notebooks) sit beside the CLI: they may use the jobs, and
 * nothing but the CLI may use them. Run alone with {@code mvn test -Dtest=ArchitectureTest}.
 */
class ArchitectureTest {
  /** Main classes only: ArchUnit's test-class patterns know target/test-classes, not target/spark4/test-classes. */
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(location -> !location.contains("/test-classes/"))
      .importPackages("dev.tripcast");

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("dev.tripcast.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void dependenciesFollowTheDataPath() {
    layeredArchitecture().consideringOnlyDependenciesInAnyPackage("dev.tripcast..")
        .layer("cli").definedBy("dev.tripcast.cli..")
        .layer("tools").definedBy("dev.tripcast.bench..", "dev.tripcast.synth..", "dev.tripcast.notebooks..")
        .layer("jobs").definedBy("dev.tripcast.jobs..")
        .layer("config").definedBy("dev.tripcast.config..")
        .layer("htmlreport").definedBy("dev.tripcast.htmlreport..")
        .layer("monitoring").definedBy("dev.tripcast.monitoring..")
        .layer("reports").definedBy("dev.tripcast.reports..")
        .layer("scoring").definedBy("dev.tripcast.scoring..")
        .layer("model").definedBy("dev.tripcast.model..")
        .layer("features").definedBy("dev.tripcast.features..")
        .layer("ingest").definedBy("dev.tripcast.ingest..")
        .layer("tables").definedBy("dev.tripcast.tables..")
        .layer("errors").definedBy("dev.tripcast.errors..")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("tools").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("jobs").mayOnlyBeAccessedByLayers("cli", "tools")
        .whereLayer("config").mayOnlyBeAccessedByLayers("cli", "tools", "jobs")
        .whereLayer("htmlreport").mayOnlyBeAccessedByLayers("cli", "jobs")
        .whereLayer("monitoring").mayOnlyBeAccessedByLayers("cli", "tools", "jobs", "config", "htmlreport")
        .whereLayer("reports").mayOnlyBeAccessedByLayers("cli", "tools", "jobs", "config", "htmlreport", "monitoring")
        .whereLayer("scoring").mayOnlyBeAccessedByLayers("cli", "tools", "jobs", "config", "htmlreport", "monitoring", "reports")
        .whereLayer("model")
            .mayOnlyBeAccessedByLayers("cli", "tools", "jobs", "config", "htmlreport", "monitoring", "reports", "scoring")
        .whereLayer("features")
            .mayOnlyBeAccessedByLayers("cli", "tools", "jobs", "config", "htmlreport", "monitoring", "reports", "scoring", "model")
        .check(MAIN);
  }

  @Test
  void onlyTheJobsAndTheCliComposeTheDomainPackages() {
    noClasses().that().resideInAnyPackage("dev.tripcast.ingest..", "dev.tripcast.features..", "dev.tripcast.model..",
            "dev.tripcast.scoring..", "dev.tripcast.reports..", "dev.tripcast.monitoring..", "dev.tripcast.tables..",
            "dev.tripcast.errors..", "dev.tripcast.htmlreport..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.tripcast.jobs..", "dev.tripcast.cli..",
            "dev.tripcast.config..", "dev.tripcast.bench..", "dev.tripcast.synth..", "dev.tripcast.notebooks..")
        .check(MAIN);
  }

  @Test
  void onlyTheTablesPackageWritesDelta() {
    noClasses().that().resideOutsideOfPackage("dev.tripcast.tables..")
        .and().resideOutsideOfPackage("dev.tripcast.bench..")
        .should().dependOnClassesThat().haveFullyQualifiedName("io.delta.tables.DeltaTable")
        .check(MAIN);
  }

  @Test
  void onlyTheRunContextBuildsAWarehouse() {
    noClasses().that().doNotHaveFullyQualifiedName(RunContext.class.getName())
        .and().doNotHaveFullyQualifiedName(Warehouse.class.getName()) // its path-only constructor delegates
        .should().callConstructor(Warehouse.class, SparkSession.class, String.class, LogStorePolicy.class)
        .orShould().callConstructor(Warehouse.class, SparkSession.class, String.class, LogStorePolicy.class,
            java.util.Optional.class)
        .because("a run has one warehouse: its schema checks and table snapshots hold for the whole run")
        .check(MAIN);
  }

  @Test
  void noCommandReentersTheCommandLine() {
    noClasses().that().doNotHaveFullyQualifiedName(Tripcast.class.getName())
        .should().callMethod(Tripcast.class, "run", String[].class)
        .orShould().callMethod(Tripcast.class, "run", PrintWriter.class, PrintWriter.class, String[].class)
        .because("jobs compose jobs through their typed results (NightlyJob), never through the command line")
        .check(MAIN);
  }
}
