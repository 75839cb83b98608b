#!/usr/bin/env bash
# Side-by-side batched FFT: jgrad (JMH FftBench) vs numpy.fft and torch.fft (bench/peers/fft_peer.py).
# Shape by shape, jgrad then its peers right after, so both see the same machine load. Prints
# microseconds per call (jgrad: JMH average; peers: median of 15 calls), the ratio jgrad / numpy
# and the load average before and after.
#   bench/run-fft.sh
#   THREADS=1 SHAPES="256x4096:fft:float64" JMH_OPTS="-wi 3 -i 5" bench/run-fft.sh
# Builds bench/target/benchmarks.jar if missing (./mvnw -pl bench -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
THREADS=${THREADS:-"1 2"}
SHAPES=${SHAPES:-"256x4096:fft:float64 256x4099:fft:float64 256x4096:rfft:float64 256x4099:rfft:float64
  256x4096:c2c:float64 256x4099:c2c:float64 256x4096:rfft:float32"}
OUT=${OUT:-bench/target/fft-run}
mkdir -p "$OUT"
rm -f "$OUT"/jmh-*.json "$OUT"/peer-*.json
if [[ ! -f bench/target/benchmarks.jar ]]; then
  JAVA_HOME=$JAVA_HOME ./mvnw -q -o -pl bench -am package -DskipTests
fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" > "$OUT/load.txt"
i=0
for s in $SHAPES; do
  for t in $THREADS; do
    i=$((i + 1))
    "$JAVA_HOME/bin/java" -Djmh.ignoreLock=true -jar bench/target/benchmarks.jar FftBench -p "shape=$s" ${JMH_OPTS:--wi 3} \
      -jvmArgsAppend "--add-modules jdk.incubator.vector -Djgrad.threads=$t" \
      -rf json -rff "$OUT/jmh-$i.json" > "$OUT/jmh-$i.log" 2>&1
    /usr/bin/python3 bench/peers/fft_peer.py --torch-threads "$t" --shapes "$s" > "$OUT/peer-$i.json"
    echo "$s T=$t load $(cut -d' ' -f1 /proc/loadavg)" >> "$OUT/load.txt"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/load.txt"
/usr/bin/python3 - "$OUT" <<'PY'
import glob, json, sys
out = sys.argv[1]
print("%-24s %3s %12s %12s %12s %8s" % ("shape", "T", "jgrad us", "numpy us", "torch us", "j/numpy"))
for f in sorted(glob.glob(out + "/jmh-*.json"), key=lambda p: int(p.split("-")[-1].split(".")[0])):
    i = f.split("-")[-1].split(".")[0]
    j = json.load(open(f))[0]
    shape = j["params"]["shape"]
    t = [a for a in j["jvmArgs"] if a.startswith("-Djgrad.threads=")][-1].split("=")[1]
    us = j["primaryMetric"]["score"]
    peers = {r["lib"]: r["median_us"] for r in json.load(open("%s/peer-%s.json" % (out, i)))["results"]}
    print("%-24s %3s %12.0f %12.0f %12.0f %8.2f" % (shape, t, us, peers["numpy"], peers["torch"], us / peers["numpy"]))
print(open(out + "/load.txt").read())
PY
