#!/usr/bin/env bash
# End-to-end pass-through benchmark (issue 7): builds the bench module and what it needs, then
# runs feeder -> device -> monitor in network namespaces for BIRD, FRR, GoBGP (and podbgpd once it
# can pass routes through). Needs root. Options: see docs/benchmarks.md (an unknown option
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
./mvnw -B -q ${MVN_OFFLINE:+-o} -pl bench -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime
# A fixed, generous heap so feeder and monitor never wait on the collector mid-measurement.
exec java -Xms2g -Xmx2g -XX:+UseParallelGC -cp "bench/target/classes:$(cat "$cp_file")" \
  dev.podbgp.bench.e2e.E2eBench "$@"
