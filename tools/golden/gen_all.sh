#!/usr/bin/env bash
# Regenerates every golden file from PyTorch (Debian's python3-torch 1.13.1).
set -euo pipefail
cd "$(dirname "$0")"
for f in gen_*.py; do /usr/bin/python3 "$f"; done
