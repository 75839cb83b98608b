#!/usr/bin/env bash
# The soak run: jgrad train (the CLI's CNN on the embedded digits, a catalog procedure and a
# weight regularizer, a checkpoint every epoch) for SECONDS [1800], sampling every INTERVAL [10] s
# the heap in use after GC, the CPU pool, threads, GC count and the time per step; writes
# docs/soak/soak-<date>.csv and .png (tools/soak/plot.py) and prints a summary.
#   tools/soak/run.sh                              # 30 minutes
#   SECONDS_TOTAL=120 tools/soak/run.sh            # a quick look
#   TRAIN_ARGS="--procedure ... --regularizer ..." tools/soak/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
SECONDS_TOTAL=${SECONDS_TOTAL:-1800}
INTERVAL=${INTERVAL:-10}
TRAIN_ARGS=${TRAIN_ARGS:-"--model cnn --procedure art_schedule:warmup_epochs=3,lambda_init=1e-4,prune_rate=0.5 --regularizer spectral_sigma_reg"}
STAMP=$(date -u +%Y%m%d-%H%M)
OUT=${OUT:-docs/soak/soak-$STAMP}
RUN=$(mktemp -d /tmp/jgrad-soak-run.XXXXXX)
mkdir -p "$(dirname "$OUT")"
JAVA_HOME=$JAVA_HOME ./mvnw -o -q -B -pl cli -am test-compile dependency:build-classpath -Dmdep.outputFile="$RUN/cp.txt" \
  -Dmdep.includeScope=test >/dev/null
# The run reads a copy of the compiled classes, so that a rebuild of the tree during the run
# cannot change (or delete) a class it has yet to load.
CP=""
i=0
for entry in cli/target/test-classes cli/target/classes $(tr ':' ' ' < "$RUN/cp.txt"); do
  case "$entry" in
    */target/classes|*/target/test-classes)
      i=$((i + 1)); mkdir -p "$RUN/classes/$i"; cp -r "$entry/." "$RUN/classes/$i/"; entry="$RUN/classes/$i" ;;
  esac
  CP="${CP:+$CP:}$entry"
done
echo "soak: $SECONDS_TOTAL s of jgrad train $TRAIN_ARGS (run directory $RUN/run), sampling every $INTERVAL s" >&2
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)" > "$OUT.txt"
# digits: 1437 training examples... the CLI holds out a validation split; batches per epoch come from the run's log.
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -XX:+UseParallelGC ${JGRAD_JAVA_OPTS:-} -cp "$CP" io.jgrad.cli.SoakMain \
  "$OUT.csv" "$SECONDS_TOTAL" "$INTERVAL" "${BATCHES:-41}" -- train --epochs 100000 --out "$RUN/run" $TRAIN_ARGS \
  > "$RUN/train.log" 2>&1 || true
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT.txt"
head -3 "$RUN/train.log" >> "$OUT.txt"
ls -la "$RUN/run" >> "$OUT.txt"
/usr/bin/python3 tools/soak/plot.py "$OUT.csv" "$OUT.png" | tee -a "$OUT.txt"
