"""Golden cases for the catalog's two-pass, adversarial and input-gradient procedures (WP5).

Writes losses/src/test/resources/golden/catalog/procedures.json, read by ProceduresGoldenTest.
Run with Debian's PyTorch 1.13: /usr/bin/python3 tools/golden/gen_catalog_procedures.py

Every case carries "component" (the catalog id). Procedures are checked as parameter
trajectories: a small float64 MLP (Linear, [BatchNorm1d], Tanh, Linear) trained for several
optimizer steps by a PyTorch reimplementation of the cited reference code, with the same
training-loop contract the Java StepContext has (loss = cross entropy [+ penalties], backward
of loss / micro-batches, gradients zeroed before the first micro-batch of each update, clipping,
then optimizer.step()). Regularizers are checked by value and parameter gradient at fixed
inputs, with the random directions / noise supplied by the generator.

Case layout ("op": "trajectory"): inputs = [X [nb, B, in], Y [nb, B] int64, flat initial
parameters (state_dict order, parameters only)]; outputs = [params after each update [T, P],
loss of each micro-batch [nb], final BatchNorm running mean+var (or an empty tensor)].
"""
from catalog_procedures import adversarial, loop, regularizers, steps
from catalog_procedures.common import G

for add in (
        steps.add_sam,
        steps.add_amp,
        steps.add_gradient_norm_fd,
        steps.add_grad_norm_penalty,
        regularizers.add_regularizers,
        adversarial.add_awp,
        adversarial.add_pgd,
        adversarial.add_robust_terms,
        adversarial.add_adversarial_regularizers,
        adversarial.add_elle,
        steps.add_lawn,
):
    add()

G.write()
