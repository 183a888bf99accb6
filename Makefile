# tripcast — common tasks. Needs only JDK 17 and Maven.
MVN ?= mvn -B -Dstyle.color=never
CONFIG ?= conf/local.conf
TAXI ?= green

.PHONY: help package package-spark4 demo train score test test-spark4 faults chaos bench maintenance-bench notebooks clean

help:
	@echo "make demo     build, train on green 2021-01 (valid 2021-02), score 2021-02 and 2021-03, write the HTML report"
	@echo "make test     run the whole test suite (unit tests and *IT integration tests)"
	@echo "make test-spark4  the unit tests and the core integration tests (training and scoring with the course's"
	@echo "              parity figures, the Delta warehouse, S3) on the Spark 4.1 build (CI runs it too)"
	@echo "make faults   fault-injection tests (*FaultIT: kill -9 at every step of a job, S3 down mid-run, full disks; minutes; CI runs it too)"
	@echo "make chaos    kill -9 at 20 seeded random instants over nights and a backfill, compared with a clean pass (long; not in CI)"
	@echo "make bench    score/train throughput vs Spark's floor on real and synthetic months (not part of test;"
	@echo "              long: BENCH_SIZES=\"200000 1000000\" BENCH_TRAIN_ROWS=200000 make bench for a quick run)"
	@echo "make maintenance-bench  a year of nightly replaces into one Delta table, then tripcast maintain: files,"
	@echo "              bytes, JSON commits and a replace + read before and after (docs/tables.md#maintenance)"
	@echo "make notebooks  regenerate notebooks-export/ (Markdown + PNG figures, and .ipynb) from data/tlc with the jar"
	@echo "make package  build target/tripcast.jar (the spark-submit jar), target/classpath.txt (Spark's jars) and"
	@echo "              target/tripcast.jsa (the class archive jobs/tripcast starts faster with; TRIPCAST_CDS=0: without)"
	@echo "make package-spark4  the same for Spark 4.1 / Scala 2.13: target/spark4/tripcast.jar and classpath.txt"
	@echo "              (TRIPCAST_SPARK=4 jobs/tripcast ... runs it; jobs/tripcast-submit picks it for a Spark 4 cluster)"
	@echo "make clean    remove target/ and the local warehouse/"

package:
	$(MVN) -q -DskipTests package
	jobs/class-archive

# The Spark 4.1 build beside the 3.5 one (pom profile spark4: its own target/spark4/ directory).
package-spark4:
	$(MVN) -q -Pspark4 -DskipTests package

demo: package
	jobs/tripcast train --taxi $(TAXI) --train 2021-01 --valid 2021-02 --config $(CONFIG)
	jobs/tripcast score --taxi $(TAXI) --month 2021-02 --config $(CONFIG)
	jobs/tripcast score --taxi $(TAXI) --month 2021-03 --config $(CONFIG)
	jobs/tripcast report --taxi $(TAXI) --from 2021-02 --to 2021-03 --html warehouse/report.html --config $(CONFIG)
	@echo
	@echo "Delta tables under $(CURDIR)/warehouse/tables (scored_trips, error_report, data_quality, and"
	@echo "  monitoring's drift_metrics and checks: each score above monitored its month);"
	@echo "models under $(CURDIR)/warehouse/models/trip-duration/<version>/ (pipeline/, model.json, reference_profile.json);"
	@echo "the whole night in one command: jobs/tripcast nightly --taxi $(TAXI) --month 2021-03 --config $(CONFIG)"
	@echo "HTML report: $(CURDIR)/warehouse/report.html (open it in a browser; it needs no network)."

test:
	$(MVN) verify

# The Spark 4.1 line (pom profile spark4, built in target/spark4/): every unit test that compiles
# there, and the integration tests of its core (train and score with the course's figures, the Delta
# warehouse, train and score on S3). The tests that need spark-testing-base or hadoop-aws 3.3's API
# stay on the 3.5 line.
SPARK4_ITS ?= CourseParityIT,WarehouseIT,S3ScoringIT
test-spark4:
	$(MVN) -Pspark4 verify -Dit.test='$(SPARK4_ITS)' -Dfailsafe.failIfNoSpecifiedTests=false

# *FaultIT only (excluded from `test`): each kills a job's own JVM at every step and checks what
# survives; they need the packaged jar, which `verify` builds first.
faults:
	$(MVN) verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false -Dit.test='*FaultIT,!ChaosKillFaultIT' \
	  -Dfailsafe.failIfNoSpecifiedTests=false

# Kill -9 at seeded random instants over a sequence of nights and a backfill, each re-run compared
# with a clean pass (docs/faults.md; 10 to 25 minutes on 2 cores, so not in `faults`). Replay a run:
# CHAOS_ARGS="-Dtripcast.chaos.seed=N -Dtripcast.chaos.kills=K".
chaos:
	$(MVN) verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ChaosKillFaultIT \
	  -Dfailsafe.failIfNoSpecifiedTests=false $(CHAOS_ARGS)

# The exported exploration (notebooks-export/, Markdown and Jupyter): every number and figure recomputed from data/tlc
# with the jar (2-4 minutes on 2 busy cores).
notebooks: package
	TRIPCAST_MAIN=dev.tripcast.notebooks.NotebookExport jobs/tripcast --config $(CONFIG) --out notebooks-export

# Not part of `test`: minutes to tens of minutes, and its figures depend on the machine
# (docs/performance.md); it writes its table to docs/bench/results.md (BENCH_RESULTS="" to skip).
bench: package
	jobs/bench/run-bench.sh

# Not part of `test`: 365 replaces of 2,000-row months into target/maintenance-bench, then maintain
# (a few minutes on 2 cores); prints the figures docs/tables.md#maintenance quotes.
maintenance-bench: package
	rm -rf target/maintenance-bench
	TRIPCAST_MAIN=dev.tripcast.bench.MaintenanceBench TRIPCAST_JAVA_OPTS="-Xmx2g -Dtripcast.paths.warehouse-root=target/maintenance-bench" \
	  jobs/tripcast --config $(CONFIG) $(MAINTENANCE_BENCH_ARGS)

clean:
	$(MVN) -q clean
	rm -rf warehouse
