#!/usr/bin/env bash
# Throughput against the number of calling threads (ConcurrencyBench): each thread trains its own
# CNN, or all threads run inference on one shared model, for caller threads T and kernel pool size
# P (-Djgrad.threads). Prints a markdown table of steps (or inferences) per second summed over the
# threads, and the speed-up over T=1 at the same P.
#   bench/run-threads.sh                  # T in 1..cores, P in 1 and cores
#   TS="1 2 4" PS="1 4" bench/run-threads.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
CORES=$(nproc)
TS=${TS:-$(seq -s ' ' 1 "$CORES")}
PS=${PS:-"1 $CORES"}
JMH_OPTS=${JMH_OPTS:-}
if [[ ! -f bench/target/benchmarks.jar ]]; then
  JAVA_HOME=$JAVA_HOME ./mvnw -q -o -pl bench -am package -DskipTests
fi
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $CORES cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| benchmark | pool P | threads T | ops/s (sum) | speed-up vs T=1 |"
echo "|---|---|---|---|---|"
for b in trainStep inferShared; do
  for p in $PS; do
    base=""
    for t in $TS; do
      rm -f /tmp/jgrad-threads.csv
      line=$("$JAVA_HOME/bin/java" -jar bench/target/benchmarks.jar "ConcurrencyBench.$b" -t "$t" -rf csv -rff /tmp/jgrad-threads.csv \
          -jvmArgsAppend "--add-modules jdk.incubator.vector -Djgrad.threads=$p" $JMH_OPTS >/dev/null 2>&1; tail -1 /tmp/jgrad-threads.csv)
      score=$(echo "$line" | awk -F, '{print $5}')
      [[ -z $base ]] && base=$score
      echo "| $b | $p | $t | $(printf '%.1f' "$score") | $(awk -v a="$score" -v b="$base" 'BEGIN{printf "%.2fx", a/b}') |"
    done
  done
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
