#!/usr/bin/env bash
# build-kernels.sh - compile the CUDA kernels of kernels-cuda (*.cu) into committed PTX + fatbin
# resources with nvcc; no GPU needed.
#   tools/gpu/build-kernels.sh          regenerate into $RES_DIR (commit the results)
#   tools/gpu/build-kernels.sh --check  CI: regenerate into a temp dir; fail if a committed file is stale
#                                       or missing, or if a PTX does not assemble with ptxas -arch=sm_90
# Output per K.cu: K.ptx (compute_80 PTX: JIT-compiled by the driver on sm_80 and newer; PTX ISA 9.0
# from CUDA 13 needs driver r580+) and K.fatbin (sm_90 SASS + compute_90 PTX). The loader tries the
# fatbin first and falls back to the PTX. No -lineinfo/-G: they embed absolute paths.
# Parameters (env): NVCC (nvcc on PATH or /usr/local/cuda/bin/nvcc), NVCC_FLAGS (-O3).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CU_DIR=$ROOT/kernels-cuda/src/main/cuda
RES_DIR=$ROOT/kernels-cuda/src/main/resources/io/jgrad/kernels/cuda
PTX_ARCH=compute_80; SASS_ARCH=90; NVCC_FLAGS=${NVCC_FLAGS:--O3}
NVCC=${NVCC:-$(command -v nvcc || echo /usr/local/cuda/bin/nvcc)}
if ! [[ -x "$NVCC" ]] && ! command -v "$NVCC" >/dev/null; then
  echo "build-kernels: nvcc not found; skipping (the committed kernels are used as they are)"; exit 0
fi
PTXAS=$(dirname "$(readlink -f "$(command -v "$NVCC")")")/ptxas; [[ -x "$PTXAS" ]] || PTXAS=/usr/local/cuda/bin/ptxas
check=0; [[ "${1:-}" == --check ]] && check=1
out=$RES_DIR; [[ $check == 1 ]] && out=$(mktemp -d)
mkdir -p "$out"
shopt -s nullglob; cus=("$CU_DIR"/*.cu); [[ ${#cus[@]} -gt 0 ]] || { echo "no .cu files in $CU_DIR"; exit 1; }
rc=0
for cu in "${cus[@]}"; do
  k=$(basename "$cu" .cu)
  # relative file names from the source dir, so nothing path-dependent ends up in the output
  ( cd "$CU_DIR" && "$NVCC" $NVCC_FLAGS -ptx -arch=$PTX_ARCH -o "$out/$k.ptx" "$k.cu" \
      && "$NVCC" $NVCC_FLAGS -fatbin -gencode arch=compute_$SASS_ARCH,code=sm_$SASS_ARCH \
                 -gencode arch=compute_$SASS_ARCH,code=compute_$SASS_ARCH -o "$out/$k.fatbin" "$k.cu" ) \
    || { echo "nvcc failed: $cu"; rc=1; continue; }
  "$PTXAS" -arch=sm_$SASS_ARCH "$out/$k.ptx" -o /dev/null || { echo "ptxas sm_$SASS_ARCH failed: $k.ptx"; rc=1; }
  if [[ $check == 1 ]]; then
    for f in "$k.ptx" "$k.fatbin"; do
      cmp -s "$out/$f" "$RES_DIR/$f" || { echo "STALE: $RES_DIR/$f differs from nvcc output (run tools/gpu/build-kernels.sh)"; rc=1; }
    done
  fi
  echo "$k: $(grep -m1 '^\.version' "$out/$k.ptx") $(grep -m1 '^\.target' "$out/$k.ptx"), $(grep -c '^\.visible \.entry' "$out/$k.ptx") kernels, fatbin $(stat -c %s "$out/$k.fatbin") B"
done
# committed outputs without a source
for f in "$RES_DIR"/*.ptx "$RES_DIR"/*.fatbin; do
  b=$(basename "$f"); [[ -f "$CU_DIR/${b%.*}.cu" ]] || { echo "ORPHAN: $f has no $CU_DIR/${b%.*}.cu"; rc=1; }
done
[[ $check == 1 ]] && rm -rf "$out"
[[ $rc == 0 ]] && echo "build-kernels: OK" || echo "build-kernels: FAILED"
exit $rc
