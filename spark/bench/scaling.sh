#!/usr/bin/env bash
# The spark module's benchmarks (docs/spark.md, "Performance"): the all-reduce cost against the
# parameter count, and data-parallel scaling from 1 to 2 workers on Spark local mode.
#   spark/bench/scaling.sh [repeats=3] [epochs=3]
# Needs the packaged module (./mvnw -pl spark -am package -DskipTests). Runs each configuration
# `repeats` times at nice -5 (the machine may be shared) and prints the medians. Fashion-MNIST
# from /usr/share/datasets/fashion-mnist when installed, else the embedded digits.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
repeats="${1:-3}"
epochs="${2:-3}"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
cp="$root/spark/target/jgrad-spark-app.jar:$root/spark/target/spark-jars/*"
flags=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:+UseParallelGC
  -Dlog4j2.configurationFile="$root/spark/conf/log4j2.properties")
export SPARK_LOCAL_IP=127.0.0.1
if nice -n -5 true 2>/dev/null; then nice_cmd=(nice -n -5); else nice_cmd=(); fi
nice_run() { "${nice_cmd[@]}" "$@"; }

echo "== machine"
lscpu | grep -E 'Model name|^CPU\(s\)|Flags' | sed -E 's/(Flags:).*/\1 (avx2: '"$(grep -c avx2 /proc/cpuinfo | head -1 | sed 's/^0$/no/;s/^[1-9].*/yes/')"', avx512f: '"$(grep -c avx512f /proc/cpuinfo | head -1 | sed 's/^0$/no/;s/^[1-9].*/yes/')"')/'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== all-reduce against element count (2 ranks on threads, socket ring over loopback)"
for i in $(seq "$repeats"); do
  nice_run "$java" "${flags[@]}" -cp "$cp" io.jgrad.spark.bench.AllReduceBench --reps 40 | tee /tmp/jgrad-allreduce-$i.txt | tail -n +3 >/dev/null
done
echo "elements  median ms (median of $repeats runs' medians)"
for n in $(awk 'NR>2 {print $1}' /tmp/jgrad-allreduce-1.txt); do
  printf "%9s  " "$n"; for i in $(seq "$repeats"); do awk -v n="$n" '$1==n {print $3}' /tmp/jgrad-allreduce-$i.txt; done | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
done

echo "== scaling on Spark local mode: the jgrad train MLP, global batch 128, $epochs epochs, median over epochs 2..$epochs"
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run_cfg() { # master workers threads
  out=/tmp/jgrad-scaling-$2-$3.txt
  : >"$out"
  for i in $(seq "$repeats"); do
    nice_run "$java" "${flags[@]}" -Djgrad.threads="$3" -cp "$cp" io.jgrad.spark.bench.ScalingBench --master "$1" --workers "$2" --epochs "$epochs" \
      | grep RESULT >>"$out"
  done
  e=$(sed -E 's/.*epoch_s=([^ ]+).*/\1/' "$out" | median)
  a=$(sed -E 's/.*allreduce_ms_per_step=([^ ]+).*/\1/' "$out" | median)
  printf "%-32s epoch %s s   gradient all-reduce %s ms/step   (%s runs)\n" "$2 worker(s), jgrad.threads=$3" "$e" "$a" "$(wc -l <"$out")"
}
run_cfg "local[1]" 1 1
run_cfg "local[1]" 1 2
run_cfg "local[2]" 2 1
