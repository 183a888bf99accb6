# tripcast — common tasks. Needs only JDK 17 and Maven.
MVN ?= mvn -B
CONFIG ?= conf/local.conf
TAXI ?= green

.PHONY: help package demo train score test clean

help:
	@echo "make demo     build, train on green 2021-01 (valid 2021-02), score 2021-02 and 2021-03"
	@echo "make test     run the whole test suite (unit tests and *IT integration tests)"
	@echo "make package  build target/tripcast.jar (the spark-submit jar) and target/classpath.txt (Spark's jars)"
	@echo "make clean    remove target/ and the local warehouse/"

package:
	$(MVN) -q -DskipTests package

demo: package
	jobs/tripcast train --taxi $(TAXI) --train 2021-01 --valid 2021-02 --config $(CONFIG)
	jobs/tripcast score --taxi $(TAXI) --month 2021-02 --config $(CONFIG)
	jobs/tripcast score --taxi $(TAXI) --month 2021-03 --config $(CONFIG)
	@echo
	@echo "Delta tables under $(CURDIR)/warehouse/tables (scored_trips, error_report, data_quality);"
	@echo "models under $(CURDIR)/warehouse/models/trip-duration/<version>/ (pipeline/ + model.json)."

test:
	$(MVN) verify

clean:
	$(MVN) -q clean
	rm -rf warehouse
