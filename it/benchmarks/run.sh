#!/usr/bin/env bash
# Runs the engine's benchmarks on JDK 17 and JDK 25 in one go, so that their ratios come from one run of this
# (noisy) machine. Usage, from the repository root after `mvn install -DskipTests`:
#   it/benchmarks/run.sh [extra JMH options]
# Results: one JMH table per JDK on stdout, and it/benchmarks/target/jmh-<jdk>.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
mvn -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null
cp="target/classes:$(cat target/cp.txt)"
jdk17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
opts=(-wi 3 -w 1s -i 5 -r 1s -foe true "$@")
for jdk in "$jdk17" "$jdk25"; do
  [ -x "$jdk/bin/java" ] || { echo "skipping $jdk (not installed)"; continue; }
  name=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.runtime.version/ {print $2}')
  echo "== JDK $name ($jdk)"
  params=()
  if [ "$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')" -lt 21 ]; then
    params=(-p carrier=platform)  # no virtual threads before JDK 21
  fi
  "$jdk/bin/java" -cp "$cp" org.openjdk.jmh.Main "${opts[@]}" \
      -jvm "$jdk/bin/java" HandoffBenchmark "${params[@]}" 2>&1 | tee "target/jmh-handoff-$name.txt" | grep -E "^(Benchmark|Handoff)"
  "$jdk/bin/java" -cp "$cp" org.openjdk.jmh.Main "${opts[@]}" \
      -jvm "$jdk/bin/java" ControlledBenchmark 2>&1 | tee "target/jmh-controlled-$name.txt" | grep -E "^(Benchmark|Controlled)"
done
