"""Golden files for catalog components: losses/src/test/resources/golden/catalog/<family>.json.

Every case carries "component": "<catalog id>" (the catalog coverage test scans for it). Use one
seeded generator per family, tools/golden/gen_catalog_<family>.py:

    from catalog_golden import CatalogGolden
    g = CatalogGolden("focal")                       # -> golden/catalog/focal.json
    g.add_grad("focal_loss", "focal_loss", [logits, target], fn, args={...}, diff=[0])
    g.add_value("focal_loss", "focal_loss", [logits, target], [expected], args={...})
    g.write()

add_grad records values and gradients (GradGolden.add_grad), add_value forward values only.

The larger families (classification, dense_regression, weight_reg) are packages of parts,
tools/golden/catalog_<family>/, run in order by gen_catalog_<family>.py; their files are
golden/catalog/<family>.json with "family": "<family>", written by FamilyGrads / FamilyValues:

    g = FamilyGrads("weight_reg", seed=20261201)     # golden.OUT_DIR set to the catalog directory
    g.grad("mhe_reg", "mhe", [w], fn, args={...}, diff=[0], double=True)
    g.value("proximal_l1_step", "proxL1", [w], [expected], args={...})
A reference value quoted by the catalog spec is recorded as a fixture: pass it as
reference=<value or list>; the generator asserts torch reproduces it (to 1e-7 relative) and
the value is stored in the case's args as "reference" for the Java test to assert too.
Read on the Java side with io.jgrad.autograd.GradGolden.run("catalog/<family>", ops, minCases)
(or io.jgrad.tensor.Golden.run for value cases).
"""
import os

import torch

import golden
from golden import Golden, GradGolden

OUT_DIR = os.path.join(golden.ROOT, "losses", "src", "test", "resources", "golden")


class CatalogGolden(GradGolden):
    def __init__(self, family, seed=20261126):
        super().__init__("catalog/" + family, seed)

    def _tag(self, component, reference, out):
        case = self.cases[-1]
        case["component"] = component
        if reference is not None:
            ref = torch.tensor(reference, dtype=torch.float64)
            got = out.detach().to(torch.float64).reshape(ref.shape)
            if not torch.allclose(got, ref, rtol=1e-7, atol=1e-8):
                raise AssertionError("%s: torch gives %s, the spec's reference value is %s" % (case["id"], got.tolist(), reference))
            case["args"]["reference"] = reference

    def add_grad(self, component, op, inputs, fn, args=None, diff=None, double=False, note=None, reference=None):
        super().add_grad(op, inputs, fn, args, diff, double, note)
        ins = [i.tensor() if hasattr(i, "tensor") else i for i in inputs]
        self._tag(component, reference, fn(*ins) if reference is not None else None)

    def add_value(self, component, op, inputs, outputs, args=None, note=None, reference=None):
        self.add(op, inputs, outputs, args, note)
        first = outputs[0] if isinstance(outputs, (list, tuple)) else outputs
        self._tag(component, reference, first)

    def write(self):
        golden.OUT_DIR = OUT_DIR
        os.makedirs(os.path.join(OUT_DIR, "catalog"), exist_ok=True)
        super().write()


class TaggedCases:
    """grad / value: GradGolden.add_grad / Golden.add, then the case's "component" tag."""

    def grad(self, component, op, inputs, fn, args=None, diff=None, double=False, note=None):
        self.add_grad(op, inputs, fn, args, diff, double, note)
        self.cases[-1]["component"] = component

    def value(self, component, op, inputs, outputs, args=None, note=None):
        self.add(op, inputs, outputs, args, note)
        self.cases[-1]["component"] = component


class FamilyGrads(TaggedCases, GradGolden):
    """A family file of gradient and value cases, every case tagged with its catalog id."""


class FamilyValues(TaggedCases, Golden):
    """A family file of value cases, every case tagged with its catalog id."""
