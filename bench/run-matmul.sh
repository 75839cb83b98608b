#!/usr/bin/env bash
# Side-by-side float32 matmul: jgrad (JMH MatmulBench) vs numpy and torch (bench/peers/matmul_peer.py).
# Shape by shape and thread count by thread count, jgrad then its peers right after, so both see
# the same machine load (this machine is shared; a run of all of jgrad then all peers compared
# different minutes). Prints GFLOP/s, median over iterations (best in parentheses), the ratio
# jgrad / numpy (default OpenBLAS coretype, medians) and the load average before and after.
#   bench/run-matmul.sh                  # threads 1 and 2, all shapes
#   THREADS=2 SHAPES="1024x1024x1024:NN 256x256x256:NN" JMH_OPTS="-wi 3 -i 5" bench/run-matmul.sh
# Builds bench/target/benchmarks.jar if missing (./mvnw -pl bench -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
THREADS=${THREADS:-"1 2"}
SHAPES=${SHAPES:-"64x64x64:NN 128x128x128:NN 256x256x256:NN 512x512x512:NN 1024x1024x1024:NN 2048x2048x2048:NN
  1024x1024x1024:TN 1024x1024x1024:NT 128x256x784:NN 128x256x784:NT 784x256x128:TN 128x10x256:NN 128x10x256:NT
  256x10x128:TN"}
OUT=${OUT:-bench/target/matmul-run}
mkdir -p "$OUT"
rm -f "$OUT"/jmh-*.json "$OUT"/peer-*.json
if [[ ! -f bench/target/benchmarks.jar ]]; then
  JAVA_HOME=$JAVA_HOME ./mvnw -q -pl bench -am package -DskipTests
fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" > "$OUT/load.txt"
i=0
for s in $SHAPES; do
  for t in $THREADS; do
    i=$((i + 1))
    "$JAVA_HOME/bin/java" -Djmh.ignoreLock=true -jar bench/target/benchmarks.jar MatmulBench -p "shape=$s" ${JMH_OPTS:-} \
      -jvmArgsAppend "--add-modules jdk.incubator.vector -Djgrad.threads=$t" \
      -rf json -rff "$OUT/jmh-$i.json" > "$OUT/jmh-$i.log" 2>&1
    /usr/bin/python3 bench/peers/matmul_peer.py --threads "$t" --shapes "$s" > "$OUT/peer-$i.json"
    echo "$s T=$t load $(cut -d' ' -f1 /proc/loadavg)" >> "$OUT/load.txt"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/load.txt"
/usr/bin/python3 - "$OUT" <<'PY'
import glob, json, statistics, sys
out = sys.argv[1]
def gflops(shape, us):
    m, n, k = (int(v) for v in shape.split(":")[0].split("x"))
    return 2.0 * m * n * k / (us * 1e3)
rows, notes, cores, versions = {}, [], set(), ("?", "?")
for f in sorted(glob.glob(out + "/jmh-*.json")):
    i = f.rsplit("-", 1)[1][:-5]
    for b in json.load(open(f)):
        s = b["params"]["shape"]
        raw = [x for fork in b["primaryMetric"]["rawData"] for x in fork]
        peer = json.load(open("%s/peer-%s.json" % (out, i)))
        versions = (peer["numpy"], peer["torch"])
        notes += [n for n in peer["notes"] if n not in notes]
        t = [a for a in b["jvmArgs"] if a.startswith("-Djgrad.threads=")][-1].split("=")[1]
        t = int(t)
        row = {"jgrad": (gflops(s, statistics.median(raw)), gflops(s, min(raw)))}
        for r in peer["results"]:
            cores.add(r["coretype"])
            row["%s/%s" % (r["lib"], r["requested_coretype"])] = (r["median"], r["best"])
        rows[(s, t)] = row
cols = ["jgrad", "numpy/default", "torch/default", "numpy/SkylakeX", "torch/SkylakeX"]
print("float32 matmul GFLOP/s, median (best); ratio = jgrad / numpy default, medians")
print("%-22s %2s " % ("shape", "T") + " ".join("%-16s" % c for c in cols) + " ratio")
for (s, t) in sorted(rows, key=lambda k: (k[1], k[0])):
    r = rows[(s, t)]
    cells = ["%-16s" % ("%.1f (%.1f)" % r[c] if c in r else "-") for c in cols]
    ratio = "%.2f" % (r["jgrad"][0] / r["numpy/default"][0]) if "numpy/default" in r else "-"
    print("%-22s %2d " % (s, t) + " ".join(cells) + " " + ratio)
for n in notes:
    print("peer note:", n)
print("OpenBLAS coretypes in use:", sorted(cores), "| numpy", versions[0], "| torch", versions[1])
print(open(out + "/load.txt").read().strip().replace("\n", " | "))
PY
