#!/usr/bin/env bash
# Time per epoch of `bin/jgrad train` next to the same model in PyTorch, on the same machine,
# one after the other in one run (Fashion-MNIST: apt-get install dataset-fashion-mnist).
#   bench/run-train.sh                 # MLP 784-256-128-10, 5 epochs
#   MODEL=cnn EPOCHS=2 bench/run-train.sh
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=${MODEL:-mlp}
EPOCHS=${EPOCHS:-5}
OUT=${OUT:-bench/target/train-run}
mkdir -p "$OUT"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== jgrad"
bin/jgrad train --dataset fashion-mnist --model "$MODEL" --epochs "$EPOCHS" --threads 2 --out "$OUT/jgrad-$MODEL" 2>&1 \
  | grep -E '^epoch|^test accuracy'
echo "== pytorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)')"
/usr/bin/python3 bench/peers/train_peer.py --model "$MODEL" --epochs "$EPOCHS" --threads 2
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
