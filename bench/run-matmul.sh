#!/usr/bin/env bash
# Side-by-side float32 matmul: jgrad (JMH MatmulBench) vs numpy and torch (bench/peers/matmul_peer.py),
# same shapes, same threads, one run. Prints a table of GFLOP/s (median over iterations, best in
# parentheses) and the ratio jgrad / numpy (default OpenBLAS coretype).
#   bench/run-matmul.sh                  # threads 1 and 2, all shapes
#   THREADS=2 SHAPES=1024x1024x1024:NN bench/run-matmul.sh
# Builds bench/target/benchmarks.jar if missing (./mvnw -pl bench -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
THREADS=${THREADS:-"1 2"}
SHAPES=${SHAPES:-}
OUT=${OUT:-bench/target/matmul-run}
mkdir -p "$OUT"
if [[ ! -f bench/target/benchmarks.jar ]]; then
  JAVA_HOME=$JAVA_HOME ./mvnw -q -pl bench -am package -DskipTests
fi
for t in $THREADS; do
  p=()
  [[ -n "$SHAPES" ]] && p=(-p "shape=$SHAPES")
  "$JAVA_HOME/bin/java" -jar bench/target/benchmarks.jar MatmulBench "${p[@]}" ${JMH_OPTS:-} \
    -jvmArgsAppend "--add-modules jdk.incubator.vector -Djgrad.threads=$t" \
    -rf json -rff "$OUT/jmh-$t.json" > "$OUT/jmh-$t.log" 2>&1
done
peer_shapes=()
[[ -n "$SHAPES" ]] && peer_shapes=(--shapes "$SHAPES")
/usr/bin/python3 bench/peers/matmul_peer.py --threads "$(echo $THREADS | tr ' ' ,)" "${peer_shapes[@]}" > "$OUT/peer.json"
/usr/bin/python3 - "$OUT" $THREADS <<'PY'
import json, statistics, sys
out, threads = sys.argv[1], [int(t) for t in sys.argv[2:]]
peer = json.load(open(out + "/peer.json"))
def gflops(shape, us):
    m, n, k = (int(v) for v in shape.split(":")[0].split("x"))
    return 2.0 * m * n * k / (us * 1e3)
rows = {}
for t in threads:
    for b in json.load(open("%s/jmh-%d.json" % (out, t))):
        s = b["params"]["shape"]
        raw = [x for fork in b["primaryMetric"]["rawData"] for x in fork]
        rows[(s, t)] = {"jgrad": (gflops(s, statistics.median(raw)), gflops(s, min(raw)))}
for r in peer["results"]:
    key = (r["shape"], r["threads"])
    if key in rows:
        rows[key]["%s/%s" % (r["lib"], r["requested_coretype"])] = (r["median"], r["best"])
cols = ["jgrad", "numpy/default", "torch/default", "numpy/SkylakeX", "torch/SkylakeX"]
print("float32 matmul GFLOP/s, median (best); ratio = jgrad / numpy default, medians")
print("%-22s %2s " % ("shape", "T") + " ".join("%-16s" % c for c in cols) + " ratio")
for (s, t) in sorted(rows, key=lambda k: (k[1], k[0])):
    r = rows[(s, t)]
    cells = ["%-16s" % ("%.1f (%.1f)" % r[c] if c in r else "-") for c in cols]
    ratio = "%.2f" % (r["jgrad"][0] / r["numpy/default"][0]) if "numpy/default" in r else "-"
    print("%-22s %2d " % (s, t) + " ".join(cells) + " " + ratio)
for n in peer["notes"]:
    print("peer note:", n)
cores = sorted({r["coretype"] for r in peer["results"]})
print("OpenBLAS coretypes in use:", cores, "| numpy", peer["numpy"], "| torch", peer["torch"])
PY
