#!/usr/bin/env bash
# The whole CPU benchmark suite side by side with its peers: for each case, the JMH benchmark
# (jgrad) and right after it bench/peers/ops_peer.py (numpy and PyTorch, same shapes, same thread
# count), so both see the same machine load. Prints one table (time per call, medians, and the
# peer/jgrad ratios: above 1 means jgrad is faster) and writes it as JSON.
#   bench/run-suite.sh                                   # every case, 2 threads
#   CASES="StepBench/mlp:128 OverheadBench/add:4" THREADS="1 2" bench/run-suite.sh
#   JMH_OPTS="-wi 3 -i 5" OUT=bench/results/quick bench/run-suite.sh
#   JVM_ARGS="-Djgrad.cpu.maxVectorBits=256" CASES="MatmulBench/1024x1024x1024:NN" bench/run-suite.sh
# JVM_ARGS is appended to the benchmark JVM's arguments (jgrad's -Djgrad.cpu.* overrides, see
# docs/cpu-kernels.md); the peers run as usual.
# Every case runs with JMH's gc profiler (gc.alloc.rate.norm: bytes allocated per call, all
# threads). The threads-scaling check is the MatmulBench case run at THREADS="1 2".
# OPENBLAS_CORETYPE is passed through to the peers (unset: OpenBLAS picks; on AVX-512 CPUs use
# SkylakeX, see PERF.md). Both sides report the median of 40 repetitions of about 20 ms each (JMH
# measurement iterations; the peer's timed loops), so that preemption by other processes on a
# shared machine moves a few repetitions, not the median. Run it at a high priority on a shared
# machine: `nice -n -10 bench/run-suite.sh` (as root). Builds bench/target/benchmarks.jar if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
THREADS=${THREADS:-2}
CASES=${CASES:-"MatmulBench/256x256x256:NN MatmulBench/512x512x512:NN MatmulBench/1024x1024x1024:NN MatmulBench/2048x2048x2048:NN
  MatmulBench/128x256x784:NT MatmulBench/784x256x128:TN MatmulBench/64x64x64:NN MatmulBench/128x128x128:NN
  ConvBench/fwd:64x3x32x32-32 ConvBench/fwdBwd:64x3x32x32-32
  ElementwiseBench/add:16M ElementwiseBench/mul:16M ElementwiseBench/exp:16M ElementwiseBench/sigmoid:16M
  ElementwiseBench/tanh:16M ElementwiseBench/relu:16M ElementwiseBench/addInPlace:16M
  ElementwiseBench/addBroadcast:4096x1024 ElementwiseBench/addTransposed:4096x4096
  ReductionBench/sum:16M ReductionBench/max:16M ReductionBench/sumRows:4096x1024 ReductionBench/sumCols:4096x1024
  ReductionBench/softmax:4096x1024 ReductionBench/logSoftmax:4096x1024
  IndexingBench/gather:4096x1024x256 IndexingBench/scatterAdd:4096x1024x256 IndexingBench/sort:1M
  IndexingBench/sortRows:1024x1024
  StepBench/mlp:128 StepBench/cnn:64 OverheadBench/add:4 OverheadBench/addGrad:4 OverheadBench/mm:4x4"}
OUT=${OUT:-bench/results/suite-$(date -u +%Y%m%dT%H%M)}
mkdir -p "$OUT"
if [[ ! -f bench/target/benchmarks.jar ]]; then
  JAVA_HOME=$JAVA_HOME ./mvnw -q -pl bench -am package -DskipTests
fi
i=0
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" > "$OUT/load.txt"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | xargs) model $(grep -m1 '^model\s' /proc/cpuinfo | cut -d: -f2 | xargs), avx512f: $(grep -qw avx512f /proc/cpuinfo && echo yes || echo no), OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}, JVM_ARGS=${JVM_ARGS:-none}" >> "$OUT/load.txt"
for c in $CASES; do
  bench=${c%%/*}; param=${c#*/}
  pname=c; [[ $bench == MatmulBench ]] && pname=shape
  prof="-prof gc"
  for t in $THREADS; do
    i=$((i + 1))
    echo "[$i] $c T=$t" >&2
    "$JAVA_HOME/bin/java" -Djmh.ignoreLock=true -jar bench/target/benchmarks.jar "io.jgrad.bench.$bench\." -p "$pname=$param" $prof ${JMH_OPTS:-} \
      -jvmArgsAppend "--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Djgrad.threads=$t ${JVM_ARGS:-}" \
      -rf json -rff "$OUT/jmh-$i.json" > "$OUT/jmh-$i.log" 2>&1 || echo "  jmh failed: see $OUT/jmh-$i.log" >&2
    OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t /usr/bin/python3 bench/peers/ops_peer.py --threads "$t" --reps 40 --cases "$c" \
      > "$OUT/peer-$i.json" 2> "$OUT/peer-$i.log" || echo "  peer failed: see $OUT/peer-$i.log" >&2
    echo "$i $c T=$t load $(cut -d' ' -f1 /proc/loadavg)" >> "$OUT/load.txt"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/load.txt"
/usr/bin/python3 bench/peers/suite_table.py "$OUT"
