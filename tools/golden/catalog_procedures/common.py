"""Shared state and functions of gen_catalog_procedures.py."""
import os

import torch

import golden
from golden import Golden


golden.OUT_DIR = os.path.join(golden.ROOT, "losses", "src", "test", "resources", "golden", "catalog")
D = torch.float64
G = Golden("procedures", seed=20261201)


def add(component, op, inputs, outputs, args, note=None):
    args = dict(args)
    args["component"] = component
    G.add(op, inputs, outputs, args, note)
    G.cases[-1]["component"] = component
    G.cases[-1]["id"] = "%s/%s#%d" % (component, op, len(G.cases) - 1)
