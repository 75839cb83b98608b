#!/usr/bin/python3
"""Joins run-suite.sh's JMH and peer JSON files into one table (stdout, markdown) and suite.json.

Time per call is the median over JMH measurement iterations (jgrad) and over the peer's
repetitions, about 20 ms each; ratio = peer time / jgrad time (above 1: jgrad faster). "best" is
the fastest repetition (the least disturbed by other processes). alloc is the gc profiler's
gc.alloc.rate.norm: bytes allocated on the Java heap per call, all threads.
"""
import glob
import json
import os
import statistics
import sys

UNIT_TO_US = {"us/op": 1.0, "ns/op": 1e-3, "ms/op": 1e3, "s/op": 1e6}


def jmh_rows(path):
    for b in json.load(open(path)):
        params = b.get("params", {})
        raw = [x for fork in b["primaryMetric"]["rawData"] for x in fork]
        scale = UNIT_TO_US[b["primaryMetric"]["scoreUnit"]]
        t = [a for a in b["jvmArgs"] if a.startswith("-Djgrad.threads=")][-1].split("=")[1]
        alloc = b.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        bench = b["benchmark"].split(".")[-2]
        yield {"case": bench + "/" + params.get("c", params.get("shape", "")), "threads": int(t),
               "median_us": statistics.median(raw) * scale, "best_us": min(raw) * scale, "alloc_bytes": alloc}


def main():
    out = sys.argv[1]
    rows = {}
    for f in sorted(glob.glob(os.path.join(out, "jmh-*.json"))):
        i = f.rsplit("-", 1)[1][:-5]
        for r in jmh_rows(f):
            key = (r["case"], r["threads"])
            rows[key] = {"case": r["case"], "threads": r["threads"], "jgrad_us": r["median_us"],
                         "jgrad_best_us": r["best_us"], "alloc_bytes_per_op": r["alloc_bytes"]}
            peer_file = os.path.join(out, "peer-%s.json" % i)
            if os.path.exists(peer_file) and os.path.getsize(peer_file) > 0:
                peer = json.load(open(peer_file))
                rows[key]["versions"] = {"numpy": peer["numpy"], "torch": peer["torch"],
                                         "openblas_core": peer["openblas_core"]}
                for p in peer["results"]:
                    if p["case"] == r["case"] and p["threads"] == r["threads"]:
                        rows[key][p["lib"] + "_us"] = p["median_us"]
                        rows[key][p["lib"] + "_best_us"] = p["best_us"]
    table = sorted(rows.values(), key=lambda r: (r["case"], r["threads"]))
    fmt = lambda v: "-" if v is None else ("%.3g" % v if v < 100 else "%.0f" % v)
    ratio = lambda peer, me: "-" if peer is None or not me else "%.2f" % (peer / me)
    print("| case | T | jgrad us | numpy us | torch us | numpy/jgrad | torch/jgrad | best: jgrad us | numpy | torch | alloc B/op |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in table:
        a = r.get("alloc_bytes_per_op")
        print("| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["case"], r["threads"], fmt(r["jgrad_us"]), fmt(r.get("numpy_us")), fmt(r.get("torch_us")),
            ratio(r.get("numpy_us"), r["jgrad_us"]), ratio(r.get("torch_us"), r["jgrad_us"]),
            fmt(r["jgrad_best_us"]), fmt(r.get("numpy_best_us")), fmt(r.get("torch_best_us")),
            "-" if a is None else "%.0f" % a))
        r["numpy_over_jgrad"] = None if r.get("numpy_us") is None else r["numpy_us"] / r["jgrad_us"]
        r["torch_over_jgrad"] = None if r.get("torch_us") is None else r["torch_us"] / r["jgrad_us"]
    with open(os.path.join(out, "load.txt")) as f:
        lines = f.read().strip().splitlines()
    print("\n" + lines[0] + "; " + lines[-1] + " (per case: %s/load.txt)" % out)
    for line in lines:
        if line.startswith("cpu: "):
            print(line)
    json.dump({"rows": table}, open(os.path.join(out, "suite.json"), "w"), indent=1)
    print("\nwrote %s" % os.path.join(out, "suite.json"))


if __name__ == "__main__":
    main()
