"""Writes small data files for the nn.data reader tests (seeded, reproducible).

Run: /usr/bin/python3 tools/golden/gen_data_files.py
Output: nn/src/test/resources/data/ (.npy per dtype, .npz, IDX plain+gzip, CSVs) and
expected.json with each file's shape, dtype and values as the Java readers should return them.
"""
import gzip
import json
import os
import struct

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "nn", "src", "test", "resources", "data")
rng = np.random.default_rng(20261126)
expected = {}


def record(name, arr, dtype):
    expected[name] = {"shape": list(arr.shape), "dtype": dtype,
                      "values": [float(v) if dtype.startswith("float") else int(v) for v in arr.reshape(-1)]}


def path(name):
    return os.path.join(OUT, name)


def write_gzip(name, data):
    # mtime=0 keeps the bytes reproducible.
    with open(path(name), "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
        f.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    # --- npy, one per dtype ---
    arrays = {
        "f4": (rng.standard_normal((3, 4)).astype("<f4"), "float32"),
        "f8": (rng.standard_normal((2, 3, 2)).astype("<f8"), "float64"),
        "i4": (rng.integers(-1000, 1000, size=(5,)).astype("<i4"), "int32"),
        "i8": (rng.integers(-2**40, 2**40, size=(2, 2)).astype("<i8"), "int64"),
        "u1": (rng.integers(0, 256, size=(4, 3)).astype("|u1"), "int32"),
        "b1": (rng.integers(0, 2, size=(7,)).astype("|b1"), "bool"),
        "scalar_f8": (np.array(2.5, dtype="<f8"), "float64"),
        "empty_f4": (np.zeros((0, 3), dtype="<f4"), "float32"),
    }
    for key, (a, dt) in arrays.items():
        np.save(path(f"{key}.npy"), a)
        record(f"{key}.npy", a, dt)
    # Format 2.0 header (4-byte header length).
    a = rng.standard_normal((2, 5)).astype("<f4")
    with open(path("v2_f4.npy"), "wb") as f:
        np.lib.format.write_array(f, a, version=(2, 0))
    record("v2_f4.npy", a, "float32")
    # Fortran order: the reader must refuse it.
    np.save(path("fortran_f8.npy"), np.asfortranarray(rng.standard_normal((3, 2))))
    # Unsupported dtype.
    np.save(path("c8.npy"), np.zeros(3, dtype="<c8"))
    # Truncated: header says 12 floats, data holds fewer.
    full = open(path("f4.npy"), "rb").read()
    open(path("truncated_f4.npy"), "wb").write(full[:-5])
    open(path("bad_magic.npy"), "wb").write(b"NOTNUMPY" + full[8:])

    # --- npz (one compressed, one stored) ---
    za = rng.standard_normal((2, 3)).astype("<f4")
    zb = rng.integers(0, 10, size=(4,)).astype("<i8")
    np.savez(path("pair.npz"), weights=za, labels=zb)
    np.savez_compressed(path("pair_compressed.npz"), weights=za, labels=zb)
    record("pair.npz/weights", za, "float32")
    record("pair.npz/labels", zb, "int64")

    # --- IDX (MNIST layout), written by hand ---
    n, rows, cols = 5, 4, 3
    images = rng.integers(0, 256, size=(n, rows, cols)).astype(np.uint8)
    labels = rng.integers(0, 10, size=(n,)).astype(np.uint8)
    img_bytes = struct.pack(">IIII", 0x0803, n, rows, cols) + images.tobytes()
    lab_bytes = struct.pack(">II", 0x0801, n) + labels.tobytes()
    open(path("images.idx3-ubyte"), "wb").write(img_bytes)
    open(path("labels.idx1-ubyte"), "wb").write(lab_bytes)
    write_gzip("images.idx3-ubyte.gz", img_bytes)
    write_gzip("labels.idx1-ubyte.gz", lab_bytes)
    open(path("truncated-images.idx3-ubyte"), "wb").write(img_bytes[:-7])
    open(path("bad-magic.idx"), "wb").write(struct.pack(">II", 0x0901, n) + labels.tobytes())
    open(path("short-header.idx"), "wb").write(struct.pack(">I", 0x0803) + b"\x00\x00")
    record("images.idx3-ubyte", images.astype(np.float32) / np.float32(255), "float32")
    record("labels.idx1-ubyte", labels, "int64")

    # --- CSV ---
    feats = np.round(rng.standard_normal((6, 3)), 4)
    labs = rng.integers(0, 3, size=(6,))
    with open(path("train.csv"), "w") as f:
        f.write("a,label,b,c\n")
        for r in range(6):
            f.write(f"{feats[r, 0]!r},{labs[r]},{feats[r, 1]!r},{feats[r, 2]!r}\n")
    record("train.csv/features", feats.astype(np.float32), "float32")
    record("train.csv/labels", labs, "int64")
    with open(path("noheader.csv"), "w") as f:
        for r in range(6):
            f.write(f"{feats[r, 0]!r},{feats[r, 1]!r},{feats[r, 2]!r},{labs[r]}\n")
    with open(path("malformed_value.csv"), "w") as f:
        f.write("x,y,label\n1.0,2.0,0\n3.0,abc,1\n")
    with open(path("wrong_count.csv"), "w") as f:
        f.write("1.0,2.0,0\n3.0,4.0,1\n5.0,1\n")
    with open(path("fractional_label.csv"), "w") as f:
        f.write("1.0,2.0,0\n3.0,4.0,1.5\n")

    with open(path("expected.json"), "w") as f:
        json.dump(expected, f, indent=0)


if __name__ == "__main__":
    main()
