#!/usr/bin/env bash
# gpu-check.sh - run jgrad's CUDA tests and benchmarks on a GPU machine that has no internet access.
# Defaults for jgrad (module kernels-cuda, -Djgrad.requireCuda=true,
# ./mvnw), and after the tests the benchmark CudaBench + its PyTorch peer (tools/gpu/peer_bench.py) are
# joined into one table by tools/gpu/report.py (bench-table.txt in $OUT).
#
# How it is used (tools/gpu/README.md):
#   on a build machine: bash tools/gpu/gpu-check.sh bundle
#   on the GPU machine, with the working tree and .gpu-bundle copied over: bash tools/gpu/gpu-check.sh run
#
# Two halves, because the GPU machine cannot reach Maven Central and may have no Java:
#
#   ./gpu-check.sh bundle   # on a dev/CI machine (Debian, Maven Central + Debian reachable, no GPU needed):
#                           #   mvn package, then collect classes, test-classes, dependency jars, the JUnit console
#                           #   launcher, a jlink'd JRE and the OpenCL ICD loader into $BUNDLE (~27 MiB).
#   ./gpu-check.sh run      # on the GPU machine: environment report, OpenCL loader/ICD setup, then runs each
#                           #   module's tests with the JUnit console launcher; logs + XML reports go to $OUT.
#   ./gpu-check.sh env      # on the GPU machine: the environment report only (a few seconds).
#
# Commit nothing from the bundle: it is git-ignored and copied to the GPU machine beside the tree.
# Results go to $OUT (gpu-check.log, env.txt, junit/<module>/*.xml).
#
# Parameters (environment variables; all optional):
#   PROJECT_DIR    Maven root                     (default: git toplevel of the cwd, else the cwd)
#   BUNDLE         bundle directory, relative to PROJECT_DIR or absolute  (default: .gpu-bundle)
#   MODULES        comma-separated module dirs relative to PROJECT_DIR to bundle; default: every module
#                  that has target/test-classes after the build
#   MVN            maven command                  (default: mvn)
#   MVN_ARGS       extra Maven args for the bundle build, e.g. "-Pgpu -pl backend-cuda -am"
#   JUNIT_ARGS     test selection for the JUnit console launcher (default: all tests in each module), e.g.
#                  "--include-tag=gpu" or "--include-classname=.*(Cuda|OpenCl).*"
#   TEST_PROPS     -D flags for the test JVM on the GPU machine; the project decides the names. Default:
#                  "-Dgpu.requireCuda=true -Dgpu.requireOpenCL=true" (tests that would skip must then fail)
#   JAVA_OPTS      JVM flags (default: --enable-native-access=ALL-UNNAMED --add-modules=jdk.incubator.vector -Xmx16g)
#   JAVA_BIN       java to use on the GPU machine (default: bundled JRE if present, else java on PATH)
#   BUNDLE_JRE     1 = jlink a JRE into the bundle (default 1)
#   JDK_FOR_JRE    JDK to jlink from (default /usr/lib/jvm/temurin-25-jdk-amd64)
#   JRE_MODULES    modules for the JRE (default below; jdeps-detected modules are added)
#   PROBE_DIR      a standalone probe Maven project to bundle too (default: none;
#                  if present); it gives baseline CUDA/OpenCL numbers independent of the project's own tests
#   TRIM_JCUDA     1 = drop the 24 MB libJNvPTXCompiler from jcuda-natives in the bundle (default 1)
#   MODULE_TIMEOUT seconds per module test run on the GPU machine (default 240)
#   PEER_BENCH     1 = also time torch.matmul (cuBLAS) fp32 as a peer, when python3+torch exist (default 1)
#   OUT            where results go (default: PROJECT_DIR/gpu-check-out)
set -uo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT_DIR=${PROJECT_DIR:-$(git rev-parse --show-toplevel 2>/dev/null || pwd)}
PROJECT_DIR=$(cd "$PROJECT_DIR" && pwd)
BUNDLE=${BUNDLE:-.gpu-bundle}
case "$BUNDLE" in /*) ;; *) BUNDLE="$PROJECT_DIR/$BUNDLE" ;; esac
MVN=${MVN:-$PROJECT_DIR/mvnw}   # online: the dependency plugin is not complete in the offline repository
MVN_ARGS=${MVN_ARGS:--pl kernels-cuda -am}
MODULES=${MODULES:-kernels-cuda}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JUNIT_ARGS=${JUNIT_ARGS:---exclude-classname=.*Emulated.*}  # the host emulator test is for machines without a GPU
TEST_PROPS=${TEST_PROPS:--Djgrad.requireCuda=true}
JAVA_OPTS=${JAVA_OPTS:---enable-native-access=ALL-UNNAMED --add-modules=jdk.incubator.vector -Xmx16g}
BUNDLE_JRE=${BUNDLE_JRE:-1}
JDK_FOR_JRE=${JDK_FOR_JRE:-/usr/lib/jvm/temurin-25-jdk-amd64}
JRE_MODULES=${JRE_MODULES:-java.base,java.logging,java.management,jdk.management,jdk.unsupported,jdk.incubator.vector,java.sql,java.xml}
PROBE_DIR=${PROBE_DIR:-}
TRIM_JCUDA=${TRIM_JCUDA:-1}
MODULE_TIMEOUT=${MODULE_TIMEOUT:-300}
BENCH_SIZES=${BENCH_SIZES:-1024,4096,8192}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-150}
PEER_BENCH=${PEER_BENCH:-1}
DEFAULT_JUNIT_VERSION=1.10.2
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.6.1

ldc() { if command -v ldconfig >/dev/null; then ldconfig -p; elif [[ -x /sbin/ldconfig ]]; then /sbin/ldconfig -p; fi 2>/dev/null; }
log() { printf '[gpu-check %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 2; }

# ----------------------------------------------------------------------------------------------- bundle
bundle() {
  command -v ${MVN%% *} >/dev/null || die "maven not found: $MVN"
  log "project: $PROJECT_DIR  bundle: $BUNDLE"
  rm -rf "$BUNDLE"; mkdir -p "$BUNDLE"/{lib,modules,tools,ocl/lib}
  local t0=$SECONDS
  # 1. Build every module and write each module's test classpath to target/gpu-check-cp.txt.
  #    In one reactor run with 'package', sibling modules appear as their packaged jars.
  ( cd "$PROJECT_DIR" && $MVN -B -q -Dstyle.color=never $MVN_ARGS -DskipTests package \
      $DEP_PLUGIN:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/gpu-check-cp.txt ) \
    || die "maven build failed"
  log "maven build: $((SECONDS - t0)) s"

  local mods=()
  if [[ -n "${MODULES:-}" ]]; then IFS=, read -r -a mods <<< "$MODULES"
  else
    while IFS= read -r d; do d=${d%/target/test-classes}; mods+=("${d#./}"); done < <(
      cd "$PROJECT_DIR" && find . -path '*/node_modules' -prune -o -type d -path '*/target/test-classes' -print | sort)
  fi
  [[ ${#mods[@]} -gt 0 ]] || die "no module with target/test-classes found (MODULES=${MODULES:-})"
  for m in "${mods[@]}"; do
    local n=${m//\//_}; [[ "$n" == . || -z "$n" ]] && n=root      # single-module project
    bundle_module "$PROJECT_DIR" "$m" "$n"
  done

  # 2. Optional standalone probe project (baseline CUDA/OpenCL check with known-good kernels).
  if [[ -f "$PROBE_DIR/pom.xml" ]]; then
    log "building probe project $PROBE_DIR"
    if ( cd "$PROBE_DIR" && $MVN -B -q -Dstyle.color=never -DskipTests package $DEP_PLUGIN:build-classpath \
           -Dmdep.includeScope=test -Dmdep.outputFile=target/gpu-check-cp.txt ); then
      bundle_module "$PROBE_DIR" . _probe
    else log "probe build failed; continuing without it"; fi
  fi

  # 3. JUnit console launcher matching the project's JUnit Platform version (it bundles Jupiter+Vintage engines).
  local jv; jv=$(sed -n 's/^junit-platform-\(engine\|commons\)-\(.*\)\.jar$/\2/p' "$BUNDLE/tools/junit-jars.txt" 2>/dev/null | sort -V | tail -1)
  jv=${jv:-$DEFAULT_JUNIT_VERSION}
  # online (the console launcher is usually not in the local repository yet)
  ( cd /tmp && ${MVN_FETCH:-mvn} -B -q -Dstyle.color=never $DEP_PLUGIN:copy \
      -Dartifact=org.junit.platform:junit-platform-console-standalone:$jv -DoutputDirectory="$BUNDLE/tools" ) \
    || die "could not fetch junit-platform-console-standalone:$jv"
  echo "$jv" > "$BUNDLE/tools/junit-version"

  # 4. Trim jcuda-natives: libJNvPTXCompiler (CUDA 12.0 ptxas, 24 MB) is not needed for PTX loading via the driver.
  if [[ "$TRIM_JCUDA" == 1 ]]; then
    for j in "$BUNDLE"/lib/jcuda-natives-*.jar; do
      [[ -f "$j" ]] && zip -q -d "$j" 'lib/libJNvPTXCompiler*' >/dev/null 2>&1 && log "trimmed $(basename "$j")"
    done
  fi

  # 5. OpenCL ICD loader (libOpenCL.so.1 from Debian's ocl-icd-libopencl1) + the unversioned symlink JOCL dlopens.
  local tmp; tmp=$(mktemp -d)
  if ( cd "$tmp" && apt-get download ocl-icd-libopencl1 >/dev/null 2>&1 ) && dpkg -x "$tmp"/ocl-icd-libopencl1_*.deb "$tmp/x"; then
    cp -a "$tmp"/x/usr/lib/x86_64-linux-gnu/libOpenCL.so.1* "$BUNDLE/ocl/lib/"
  elif [[ -f /usr/lib/x86_64-linux-gnu/libOpenCL.so.1.0.0 ]]; then
    cp /usr/lib/x86_64-linux-gnu/libOpenCL.so.1.0.0 "$BUNDLE/ocl/lib/"; ln -sf libOpenCL.so.1.0.0 "$BUNDLE/ocl/lib/libOpenCL.so.1"
  else log "WARNING: no OpenCL loader bundled"; fi
  [[ -e "$BUNDLE/ocl/lib/libOpenCL.so.1" ]] && ln -sf libOpenCL.so.1 "$BUNDLE/ocl/lib/libOpenCL.so"
  rm -rf "$tmp"

  # 6. JRE via jlink (Temurin 25 has no jmods; JEP 493 links from the run-time image).
  if [[ "$BUNDLE_JRE" == 1 ]]; then
    [[ -x "$JDK_FOR_JRE/bin/jlink" ]] || die "no jlink in $JDK_FOR_JRE"
    local extra
    extra=$("$JDK_FOR_JRE/bin/jdeps" --multi-release 25 --print-module-deps --ignore-missing-deps \
              "$BUNDLE"/lib/*.jar 2>/dev/null | tail -1 | tr -d ' ') || extra=
    [[ "$extra" =~ ^[a-z.,]+$ ]] || extra=
    local modlist; modlist=$(echo "$JRE_MODULES,$extra" | tr ',' '\n' | sed '/^$/d' | sort -u | paste -sd,)
    rm -rf "$tmp.jre"
    "$JDK_FOR_JRE/bin/jlink" --add-modules "$modlist" --strip-debug --no-header-files --no-man-pages \
        --compress=zip-0 --output "$tmp.jre/jre" 2>&1 | grep -v 'incubator modules' >&2
    tar -C "$tmp.jre" -czf "$BUNDLE/jre.tar.gz" jre || die "jre tar failed"
    rm -rf "$tmp.jre"
    log "JRE: $modlist ($(du -h "$BUNDLE/jre.tar.gz" | cut -f1) tar.gz)"
  fi

  { echo "created: $(date -u +%FT%TZ)"
    echo "project: $PROJECT_DIR @ $(cd "$PROJECT_DIR" && git rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "modules: ${mods[*]}"
    echo "junit-platform: $jv"
    echo "size: $(du -sh "$BUNDLE" | cut -f1)"; } > "$BUNDLE/manifest.txt"
  cp "${BASH_SOURCE[0]}" "$(dirname "${BASH_SOURCE[0]}")"/*.py "$BUNDLE/"
  local kb; kb=$(du -sk "$BUNDLE" | cut -f1)
  log "bundle ready: $BUNDLE  $((kb / 1024)) MiB in $((SECONDS - t0)) s"
  (( kb < 60 * 1024 )) || log "WARNING: bundle > 60 MiB; keep it small enough to copy quickly"
}

# bundle_module ROOT MODULE_DIR NAME: copy classes/test-classes; rewrite the module's classpath to bundle-relative paths
bundle_module() {
  local root=$1 m=$2 name=$3 dst="$BUNDLE/modules/$3" cpf="$1/$2/target/gpu-check-cp.txt"
  [[ -d "$root/$m/target/test-classes" ]] || { log "skip $m (no test-classes)"; return; }
  mkdir -p "$dst"
  cp -a "$root/$m/target/test-classes" "$dst/test-classes"
  [[ -d "$root/$m/target/classes" ]] && cp -a "$root/$m/target/classes" "$dst/classes"
  : > "$dst/cp.txt"
  if [[ -s "$cpf" ]]; then
    { tr ':' '\n' < "$cpf"; echo; } | while IFS= read -r e; do
      [[ -z "$e" ]] && continue
      if [[ -f "$e" ]]; then
        local b; b=$(basename "$e")
        # JUnit Platform/Jupiter/Vintage engines come from the console-standalone jar; avoid duplicates
        case "$b" in junit-jupiter*|junit-platform-*|junit-vintage-engine*|opentest4j-*|apiguardian-*)
          echo "$b" >> "$BUNDLE/tools/junit-jars.txt"; continue ;; esac
        if [[ -e "$BUNDLE/lib/$b" ]] && ! cmp -s "$e" "$BUNDLE/lib/$b"; then   # same file name, other artifact
          b="$(echo "$e" | md5sum | cut -c1-8)-$b"
        fi
        [[ -e "$BUNDLE/lib/$b" ]] || cp "$e" "$BUNDLE/lib/$b"
        echo "lib/$b" >> "$dst/cp.txt"
      elif [[ -d "$e" ]]; then                       # a sibling module's target/classes
        local h; h="dirs/$(echo "$e" | md5sum | cut -c1-10)"
        [[ -d "$BUNDLE/$h" ]] || { mkdir -p "$BUNDLE/$h"; cp -a "$e/." "$BUNDLE/$h/"; }
        echo "$h" >> "$dst/cp.txt"
      fi
    done
  fi
  log "module $m -> modules/$name ($(wc -l < "$dst/cp.txt") classpath entries)"
}

# ----------------------------------------------------------------------------------------------- run side
OUT=${OUT:-$PROJECT_DIR/gpu-check-out}
WORK=${GPU_CHECK_WORK:-/tmp/gpu-check-work}

env_report() {
  echo "== host";      uname -a; (. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"); ldd --version 2>&1 | head -1
  echo "cpus: $(nproc)  mem: $(free -g 2>/dev/null | awk '/Mem:/{print $2" GiB"}')"
  echo "== nvidia-smi"
  if command -v nvidia-smi >/dev/null; then
    nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap,persistence_mode --format=csv 2>&1
    nvidia-smi 2>&1 | sed -n '1,4p'
  else echo "nvidia-smi: not found"; fi
  echo "== driver libraries (ldconfig)"
  ldc | grep -E 'libcuda\.so|libnvidia-opencl|libOpenCL|libnvrtc|libcublas\.so' || echo "(none in ldconfig cache)"
  echo "== OpenCL ICD files"; ls -l /etc/OpenCL/vendors/ 2>&1; cat /etc/OpenCL/vendors/*.icd 2>/dev/null; echo
  echo "== CUDA toolkit"; (command -v nvcc && nvcc --version | tail -2) 2>&1 || echo "nvcc: not found"
  ls -d /usr/local/cuda* 2>/dev/null
  echo "== java";  (command -v java && java -version) 2>&1 || echo "java: not on PATH"
  ls /usr/lib/jvm 2>/dev/null
  echo "== maven"; if command -v mvn >/dev/null; then mvn -v 2>&1 | head -1; else echo "mvn: not on PATH"; fi
  echo "== python/torch"
  if command -v python3 >/dev/null; then
    timeout 60 python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available())' 2>&1 | tail -1
    timeout 30 python3 -c 'import os, torch; d = os.path.join(os.path.dirname(torch.__file__), "..", "nvidia"); print("pip CUDA libs:", sorted(os.listdir(d)) if os.path.isdir(d) else "none")' 2>/dev/null
  else echo "python3: not found"; fi
  echo "== tools"; for t in dpkg apt-get tar gzip xz clinfo; do printf '%s: %s\n' "$t" "$(command -v $t || echo no)"; done
}

pick_java() {
  if [[ -n "${JAVA_BIN:-}" ]]; then echo "$JAVA_BIN"; return; fi
  if [[ -f "$BUNDLE/jre.tar.gz" ]]; then
    mkdir -p "$WORK"; [[ -x "$WORK/jre/bin/java" ]] || tar -C "$WORK" -xzf "$BUNDLE/jre.tar.gz"
    echo "$WORK/jre/bin/java"; return
  fi
  command -v java || die "no java: bundle a JRE (BUNDLE_JRE=1) or set JAVA_BIN"
}

setup_opencl() {
  mkdir -p "$WORK/ocl"
  # Loader: JOCL 2.0.x dlopens the unversioned "libOpenCL.so" (the -dev symlink), so give it one.
  local sys1; sys1=$(ldc | awk '/libOpenCL\.so\.1 .*x86-64/{print $NF; exit}')
  # a full CUDA toolkit ships NVIDIA's own ICD loader (cuda-opencl package) outside the ldconfig path
  [[ -z "$sys1" ]] && sys1=$(ls /usr/local/cuda/lib64/libOpenCL.so.1 /usr/local/cuda/targets/x86_64-linux/lib/libOpenCL.so.1 \
                                2>/dev/null | head -1)
  if ldc | grep -q 'libOpenCL\.so .*x86-64'; then
    echo "OpenCL loader: system libOpenCL.so"
  elif [[ -n "$sys1" ]]; then
    ln -sf "$sys1" "$WORK/ocl/libOpenCL.so"; export LD_LIBRARY_PATH="$WORK/ocl${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    echo "OpenCL loader: system $sys1 via symlink $WORK/ocl/libOpenCL.so"
  elif [[ -e "$BUNDLE/ocl/lib/libOpenCL.so.1" ]]; then
    export LD_LIBRARY_PATH="$BUNDLE/ocl/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    echo "OpenCL loader: bundled ocl-icd ($BUNDLE/ocl/lib)"
  else echo "OpenCL loader: NONE (OpenCL tests will skip or fail)"; fi
  # ICD: the loader reads /etc/OpenCL/vendors/*.icd, or OCL_ICD_VENDORS (a dir or one .icd file).
  if ls /etc/OpenCL/vendors/*.icd >/dev/null 2>&1; then
    echo "OpenCL ICDs: $(cat /etc/OpenCL/vendors/*.icd | tr '\n' ' ')"
  else
    local nv; nv=$(ldc | awk '/libnvidia-opencl\.so\.1 .*x86-64/{print $NF; exit}')
    [[ -z "$nv" ]] && nv=$(ls /usr/lib/x86_64-linux-gnu/libnvidia-opencl.so.1 /usr/lib64/libnvidia-opencl.so.1 \
                              /usr/local/nvidia/lib64/libnvidia-opencl.so.1 2>/dev/null | head -1)
    if [[ -n "$nv" ]]; then
      mkdir -p "$WORK/icd"; echo "$nv" > "$WORK/icd/nvidia.icd"; export OCL_ICD_VENDORS="$WORK/icd"
      echo "OpenCL ICDs: none in /etc; using OCL_ICD_VENDORS=$WORK/icd -> $nv"
    else echo "OpenCL ICDs: none, and no libnvidia-opencl.so.1 found"; fi
  fi
}

module_cp() {  # module_cp NAME -> classpath string
  local d="$BUNDLE/modules/$1" cp
  cp="$d/test-classes"; [[ -d "$d/classes" ]] && cp="$cp:$d/classes"
  while IFS= read -r e; do [[ -n "$e" ]] && cp="$cp:$BUNDLE/$e"; done < "$d/cp.txt"
  echo "$cp"
}

run_tests() {
  [[ -d "$BUNDLE/modules" ]] || die "no bundle at $BUNDLE (run '$0 bundle' on the dev machine and carry it)"
  mkdir -p "$OUT" "$WORK"
  exec > >(tee -a "$OUT/gpu-check.log") 2>&1
  local t0=$SECONDS
  log "bundle: $(tr '\n' ' ' < "$BUNDLE/manifest.txt" 2>/dev/null)"
  env_report > "$OUT/env.txt" 2>&1; cat "$OUT/env.txt"
  echo "== setup"
  setup_opencl
  local java; java=$(pick_java); "$java" -version 2>&1 | head -1
  local jv; jv=$(cat "$BUNDLE/tools/junit-version"); local console="$BUNDLE/tools/junit-platform-console-standalone-$jv.jar"
  local sub=execute; [[ "$(printf '%s\n' "$jv" 1.10.0 | sort -V | head -1)" == 1.10.0 ]] || sub=
  local rc_all=0 summary=()

  if [[ -d "$BUNDLE/modules/_probe" ]]; then
    echo "== probe (baseline, known-good kernels)"
    local pcp; pcp=$(module_cp _probe)
    timeout 120 "$java" $JAVA_OPTS -cp "$pcp" probe.CudaProbe require;  summary+=("probe.CudaProbe rc=$?")
    timeout 120 "$java" $JAVA_OPTS -cp "$pcp" probe.OpenClProbe gpu require; summary+=("probe.OpenClProbe rc=$?")
  fi

  for d in "$BUNDLE"/modules/*/; do
    local name; name=$(basename "$d"); [[ "$name" == _probe ]] && continue
    echo "== tests: $name"
    local sel=(--scan-class-path "$d/test-classes")
    # shellcheck disable=SC2086
    timeout "$MODULE_TIMEOUT" "$java" $JAVA_OPTS $TEST_PROPS -jar "$console" $sub \
        --class-path "$(module_cp "$name")" "${sel[@]}" $JUNIT_ARGS \
        --reports-dir "$OUT/junit/$name" --disable-banner --disable-ansi-colors --details=tree --details-theme=ascii
    local rc=$?; summary+=("$name rc=$rc"); [[ $rc -ne 0 ]] && rc_all=1
  done

  # Benchmarks side by side on the same GPU: jgrad's kernels (CudaBench) and PyTorch (cuBLAS etc.).
  local kc=kernels-cuda
  if [[ -d "$BUNDLE/modules/$kc" ]]; then
    echo "== bench: jgrad CudaBench ($BENCH_SIZES)"
    # shellcheck disable=SC2086
    timeout "$BENCH_TIMEOUT" "$java" $JAVA_OPTS -cp "$(module_cp "$kc")" io.jgrad.kernels.cuda.CudaBench "$BENCH_SIZES" \
      | tee "$OUT/bench-jgrad.csv"
    summary+=("CudaBench rc=${PIPESTATUS[0]}")
  fi
  if [[ "$PEER_BENCH" == 1 ]] && python3 -c 'import torch' >/dev/null 2>&1; then
    echo "== bench: PyTorch peer"
    timeout "$BENCH_TIMEOUT" python3 "$SCRIPT_DIR/peer_bench.py" "$BENCH_SIZES" | tee "$OUT/bench-torch.csv"
    summary+=("peer_bench rc=${PIPESTATUS[0]}")
  fi
  if [[ -f "$OUT/bench-jgrad.csv" || -f "$OUT/bench-torch.csv" ]]; then
    echo "== bench table (same GPU, same run)"
    python3 "$SCRIPT_DIR/report.py" "$OUT/bench-jgrad.csv" "$OUT/bench-torch.csv" | tee "$OUT/bench-table.txt"
  fi
  echo "== summary ($((SECONDS - t0)) s)"; printf '  %s\n' "${summary[@]}"
  return $rc_all
}

case "${1:-}" in
  bundle) bundle ;;
  run)    run_tests ;;
  env)    mkdir -p "$OUT"; env_report 2>&1 | tee "$OUT/env.txt" ;;
  *) sed -n '2,40p' "$0"; exit 1 ;;
esac
