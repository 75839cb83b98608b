"""Golden values and gradients for the weight, spectral, sparsity and quantization regularizers
of the research catalog (work package 4), against PyTorch 1.13 reimplementations of the cited
reference code (or of the formula where there is none).

Writes losses/src/test/resources/golden/catalog/weight_reg.json (read by WeightRegGoldenTest).
Run with Debian's PyTorch: /usr/bin/python3 tools/golden/gen_catalog_weight_reg.py
Every case carries "component": the catalog id. Cases with args.grad are gradient cases
(golden.GradGolden: out, w, grad of sum, grad of weighted sum, optional double backward);
the others are value cases (inputs -> outputs).
"""
from catalog_weight_reg import orthogonality, quantization, sparsity, spectral
from catalog_weight_reg.common import g

for add in (
        spectral.add_nuclear_norm,
        spectral.add_spectral_sigma,
        spectral.add_wasserstein_init,
        spectral.add_norm_loss,
        sparsity.add_hypersparse,
        sparsity.add_art_schedule,
        orthogonality.add_cauchy_schwarz,
        orthogonality.add_mhe,
        orthogonality.add_weight_moments,
        orthogonality.add_group_orthogonality,
        orthogonality.add_parameter_repulsion,
        sparsity.add_soft_threshold,
        sparsity.add_proximal_l1,
        sparsity.add_lobster,
        quantization.add_learned_clip,
        quantization.add_bitwise_weight,
        quantization.add_weight_conditioning,
        quantization.add_progressive_subnet_distillation,
):
    add()

g.write()
