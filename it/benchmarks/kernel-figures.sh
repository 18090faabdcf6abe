#!/usr/bin/env bash
# The kernel scenarios' figures for docs/performance.md (schedules to detection, schedules per second), on
# JDK 17 and JDK 25. Usage, from the repository root after `mvn install -DskipTests`:
#   it/benchmarks/kernel-figures.sh
# The linearizability checks' figures (Lincheck invocations/s beside the engine's schedules/s, same objects):
#   FIGURES=LinearizabilityFigures it/benchmarks/kernel-figures.sh [invocations] [schedules]
# The bug benchmark (29 small bugs and their fixed twins under RANDOM, PCT and EXHAUSTIVE):
#   FIGURES=bugs.BugFigures it/benchmarks/kernel-figures.sh [schedules [seeds]]
# What the data-race check costs on the kernel scenarios (races off against on, one JVM):
#   FIGURES=RaceCostFigures it/benchmarks/kernel-figures.sh [schedules]
# Schedules one at a time against several at once (futex.parallelism), and that the results are the same:
#   FIGURES=ParallelFigures it/benchmarks/kernel-figures.sh [schedules] [parallelism]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
mvn -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null
cp="target/classes:$(cat target/cp.txt)"
for jdk in "${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}" "${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"; do
  [ -x "$jdk/bin/java" ] || { echo "skipping $jdk (not installed)"; continue; }
  "$jdk/bin/java" -Djdk.attach.allowAttachSelf=true -XX:+IgnoreUnrecognizedVMOptions -XX:+EnableDynamicAgentLoading \
      -cp "$cp" "org.futexlab.bench.${FIGURES:-KernelScenarioFigures}" "$@" | tee "target/${FIGURES:-KernelScenarioFigures}-$(basename "$jdk").md"
  echo
done
