"""Safetensors files for io.jgrad.nn.io.SafeTensorsInteropTest, written WITHOUT the safetensors
package (not installed): the format is implemented here with struct + json exactly as the spec
(https://github.com/huggingface/safetensors) and the Rust writer do it: 8-byte little-endian
header length N, N bytes of compact UTF-8 JSON with "__metadata__" first, padded with spaces to a
multiple of 8, then the tensors' little-endian bytes, ordered by dtype alignment (largest first)
then name, as the Rust `serialize` sorts them. Tensor values come from torch (seeded).

Writes nn/src/test/resources/safetensors/{torch_all.safetensors, torch_unsupported.safetensors,
expected.json}. Run: /usr/bin/python3 tools/golden/gen_safetensors.py
"""
import json
import math
import os
import struct

import torch

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "nn", "src", "test", "resources", "safetensors")

CODES = {torch.float32: "F32", torch.float64: "F64", torch.int32: "I32", torch.int64: "I64", torch.bool: "BOOL",
         torch.float16: "F16", torch.bfloat16: "BF16", torch.uint8: "U8", torch.int8: "I8", torch.int16: "I16"}
SIZES = {"F64": 8, "I64": 8, "F32": 4, "I32": 4, "F16": 2, "BF16": 2, "I16": 2, "U8": 1, "I8": 1, "BOOL": 1, "U64": 8}


def raw_bytes(t):
    t = t.contiguous()
    if t.dtype == torch.bfloat16:  # numpy has no bfloat16: reinterpret as int16
        return t.view(torch.int16).numpy().astype("<i2").tobytes()
    return t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()


def write(path, tensors, metadata=None, raw=None):
    """tensors: name -> torch tensor; raw: name -> (code, shape, bytes) for dtypes torch lacks."""
    items = [(n, CODES[t.dtype], list(t.shape), raw_bytes(t)) for n, t in tensors.items()]
    items += [(n, c, s, b) for n, (c, s, b) in (raw or {}).items()]
    items.sort(key=lambda it: (-SIZES[it[1]], it[0]))
    header = {}
    if metadata:
        header["__metadata__"] = metadata
    offset = 0
    for name, code, shape, data in items:
        header[name] = {"dtype": code, "shape": shape, "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for _, _, _, data in items:
            f.write(data)


def enc(v):
    if isinstance(v, float) and not math.isfinite(v):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
    return v


def main():
    os.makedirs(OUT, exist_ok=True)
    g = torch.Generator().manual_seed(20261126)
    special = torch.tensor([0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1e-40, 3.4e38])
    t = {
        "f32.matrix": torch.randn(3, 5, generator=g),
        "f32.scalar": torch.tensor(2.5),
        "f32.empty": torch.zeros(0, 4),
        "f32.special": special,
        "f64.vec": torch.randn(17, generator=g, dtype=torch.float64),
        "f64.cube": torch.randn(2, 3, 4, generator=g, dtype=torch.float64),
        "i32.vec": torch.randint(-2**31, 2**31 - 1, (9,), generator=g, dtype=torch.int32),
        "i64.mat": torch.tensor([[-(2**63), 2**63 - 1], [0, -1], [123456789012345, 7]], dtype=torch.int64),
        "bool.mask": torch.rand(2, 3, generator=g) > 0.5,
        "f16.vec": torch.randn(6, generator=g).to(torch.float16),
        "bf16.vec": torch.randn(6, generator=g).to(torch.bfloat16),
        "u8.vec": torch.tensor([0, 1, 127, 128, 255], dtype=torch.uint8),
        "i8.vec": torch.tensor([-128, -1, 0, 1, 127], dtype=torch.int8),
        "i16.vec": torch.tensor([-32768, -1, 0, 1, 32767], dtype=torch.int16),
    }
    meta = {"format": "pt", "note": "written by gen_safetensors.py \u00e9"}
    write(os.path.join(OUT, "torch_all.safetensors"), t, meta)
    expected = {"torch_version": torch.__version__, "metadata": meta, "tensors": {}}
    for name, x in t.items():
        code = CODES[x.dtype]
        if x.dtype in (torch.float16, torch.bfloat16):
            vals = x.to(torch.float32)
        elif x.dtype in (torch.uint8, torch.int8, torch.int16):
            vals = x.to(torch.int32)
        else:
            vals = x
        expected["tensors"][name] = {"code": code, "shape": list(x.shape),
                                     "values": [enc(v) for v in vals.reshape(-1).tolist()]}
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    write(os.path.join(OUT, "torch_unsupported.safetensors"), {"ok": torch.ones(2)},
          raw={"big": ("U64", [2], struct.pack("<QQ", 1, 2**64 - 1))})


def read(path):
    """A strict reader (struct + json) returning (tensors, metadata), as torch tensors."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    assert n % 8 == 0, "header length %d not 8-aligned" % n
    header = json.loads(data[8:8 + n].decode("utf-8"))
    meta = header.pop("__metadata__", {})
    dt = {"F32": torch.float32, "F64": torch.float64, "I32": torch.int32, "I64": torch.int64, "BOOL": torch.bool}
    body = data[8 + n:]
    end = 0
    out = {}
    for name, e in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"]):
        b, e_ = e["data_offsets"]
        assert b == end, "offsets not contiguous at " + name
        end = e_
        raw = bytearray(body[b:e_])
        t = torch.frombuffer(raw, dtype=dt[e["dtype"]]) if raw else torch.empty(0, dtype=dt[e["dtype"]])
        out[name] = t.reshape(e["shape"])
    assert end == len(body), "data section length"
    return out, meta


def check_java_file():
    """Checks nn/src/test/resources/safetensors/java_written.safetensors (written by jgrad's
    SafeTensors.write, byte-compared by SafeTensorsInteropTest) loads in PyTorch with the values
    the Java test wrote."""
    t, meta = read(os.path.join(OUT, "java_written.safetensors"))
    want = {
        "w": torch.arange(6, dtype=torch.float32).reshape(2, 3) / 4,
        "i": torch.tensor([-(2**63), 5], dtype=torch.int64),
        "b": torch.tensor([True, False, True]),
        "d": torch.tensor(2.5, dtype=torch.float64),
        "e": torch.zeros(0, 2),
        "n": torch.tensor([-7, 2**31 - 1], dtype=torch.int32),
    }
    assert meta == {"format": "pt", "written_by": "jgrad"}, meta
    assert list(t) == sorted(want, key=list(t).index) and set(t) == set(want), list(t)
    for k, v in want.items():
        assert t[k].dtype == v.dtype and t[k].shape == v.shape and torch.equal(t[k], v), (k, t[k], v)
    print("java_written.safetensors loads in torch: OK")


if __name__ == "__main__":
    main()
    if os.path.exists(os.path.join(OUT, "java_written.safetensors")):
        check_java_file()
