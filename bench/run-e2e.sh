#!/usr/bin/env bash
# End-to-end pass-through benchmark (issue 7): builds the bench module and what it needs, then
# runs feeder -> device -> monitor in network namespaces for BIRD, FRR, GoBGP and podbgpd (from
# daemon/target/podbgp-dist, built here too). Needs root. Options: see docs/benchmarks.md (an unknown option
# prints the usage).
# Example: bench/run-e2e.sh --quick --workload 1 --dut bird,frr --runs 1
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $(id -u) -ne 0 ]]; then
  echo "run-e2e: needs root (network namespaces)" >&2
  exit 2
fi
cp_file=$PWD/bench/target/e2e.classpath
# In one reactor, so sibling modules come from their fresh jars (nothing is installed to ~/.m2);
# bench is built last, so its classpath is what the file holds in the end.
# daemon is in the list so its package phase lays out daemon/target/podbgp-dist, which the podbgp
# driver starts podbgpd from.
./mvnw -B -q ${MVN_OFFLINE:+-o} -pl daemon,bench -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime
# A fixed, generous heap so feeder and monitor never wait on the collector mid-measurement.
# PODBGP_BENCH_JFR=DIR: podbgpd also records JFR (profile settings) into DIR; for a separate
# profiling run, never for the measured tables.
exec java -Xms2g -Xmx2g -XX:+UseParallelGC ${PODBGP_BENCH_JFR:+-Dpodbgp.bench.jfr="$PODBGP_BENCH_JFR"} -cp "bench/target/classes:$(cat "$cp_file")" \
  dev.podbgp.bench.e2e.E2eBench "$@"
