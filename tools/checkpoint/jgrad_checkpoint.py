"""Reads a jgrad checkpoint (a safetensors file) into PyTorch, with torch alone (the safetensors
package is not needed):

    import torch, jgrad_checkpoint as jc
    model.load_state_dict(jc.model_state_dict("best.safetensors"))
    opt = torch.optim.Adam(model.parameters())
    opt.load_state_dict(jc.optimizer_state_dict("best.safetensors"))

The optimizer's state tensors are stored under torch's names (optim.state.<i>.exp_avg, ...,
optim.state.<i>.step) and its param_groups as torch's (metadata entry optim.torch.json), so this
only regroups them. The parameter order is jgrad's Module.parameters() order, which for the
layers jgrad shares with torch is torch's model.parameters() order.
"""
import json
import struct

import torch

DTYPES = {"F64": torch.float64, "F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16,
          "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8,
          "BOOL": torch.bool}


def read(path):
    """(tensors by name, metadata) of a safetensors file."""
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    meta = header.pop("__metadata__", {})
    tensors = {}
    for name, info in header.items():
        start, end = info["data_offsets"]
        dtype = DTYPES[info["dtype"]]
        flat = torch.frombuffer(bytearray(data[start:end]), dtype=dtype) if end > start else torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(info["shape"]).clone()
    return tensors, meta


def model_state_dict(path):
    """The model's tensors (jgrad's Module.stateDict() names, which are torch's)."""
    tensors, _ = read(path)
    return {k[len("model."):]: v for k, v in tensors.items() if k.startswith("model.")}


def optimizer_state_dict(path):
    """A dictionary for torch.optim.Optimizer.load_state_dict."""
    tensors, meta = read(path)
    if "optim.torch.json" not in meta:
        raise ValueError(path + ": no optim.torch.json metadata (a checkpoint without optimizer state, or from a jgrad "
                         "version before the optimizer state took torch's names)")
    torch_meta = json.loads(meta["optim.torch.json"])
    state = {}
    for k, v in tensors.items():
        if k.startswith("optim.state."):
            i, key = k[len("optim.state."):].split(".", 1)
            state.setdefault(int(i), {})[key] = v
    if torch_meta["optimizer"] == "RMSprop":  # torch 1.13's RMSprop counts steps in a Python int
        for s in state.values():
            if "step" in s:
                s["step"] = int(s["step"].item())
    groups = []
    for g in torch_meta["param_groups"]:
        g = dict(g)
        if "betas" in g:
            g["betas"] = tuple(g["betas"])
        groups.append(g)
    return {"state": state, "param_groups": groups}
