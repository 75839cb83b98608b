"""Golden values and gradients for the classification / calibration / noisy-label catalog family.

Writes losses/src/test/resources/golden/catalog/classification.json (read by
ClassificationGoldenTest). Every case carries "component": the catalog id it checks.
Run with Debian's PyTorch: /usr/bin/python3 tools/golden/gen_catalog_classification.py

Each component is a torch 1.13 reimplementation of its cited reference code:
  expected_calibration_error  ACLS calibrate/evaluation/metrics.py ECELoss (float32 linspace edges)
  sparsemax                   entmax's sparsemax (sort-based threshold, SparsemaxFunction backward)
  sparsemax_loss              OpenNMT-py onmt/modules/sparse_losses.py (its backward times grad_output)
  focal_loss                  softmax form of Lin et al.; sigmoid form = torchvision.ops.sigmoid_focal_loss
  poly1_loss, poly1_focal     the PolyLoss paper's appendix code (TF), in torch
  comp_sum_loss               Phi^tau(u) of Mao, Mohri and Zhong with log(1 + u) = logsumexp(z) - z_y
  acls_loss                   cvlab-yonsei/ACLS calibrate/losses/acls.py
  maxsup_loss                 Maximum-Suppression-Regularization Conv/ffcv/losses.py MaxSuppression
  anyloss                     the AnyLoss approximation A(p) and confusion-matrix metrics
  z_loss_spherical            softplus(a (b - z_c)) / a with the population std
  entropy_min_loss            -(softmax * log_softmax).sum(1).mean()
  spectral_decoupling         Gradient_Starvation: (yhat ** 2).mean(); Table_2 mode 'spw3'
  elr_loss                    shengliu66/ELR ELR/model/loss.py elr_loss, three steps
  nested_dropout              Nested-Co-teaching nested/train_resnet.py GaussianDist
  ensloss                     statmlben/ensLoss losses.py ensLoss.forward with the normals supplied
"""
from catalog_classification import calibration, focal, legendretron, noisy_labels, output_penalties, sparsemax, surrogates
from catalog_classification.common import g

for add in (
        calibration.add_expected_calibration_error,
        sparsemax.add_sparsemax,
        sparsemax.add_sparsemax_loss,
        focal.add_focal_and_poly1,
        noisy_labels.add_comp_sum_loss,
        calibration.add_acls_and_maxsup,
        surrogates.add_anyloss,
        surrogates.add_z_loss_spherical,
        output_penalties.add_entropy_min_and_spectral_decoupling,
        noisy_labels.add_elr_loss,
        output_penalties.add_nested_dropout,
        surrogates.add_ensloss,
        legendretron.add_legendretron_link,
):
    add()

g.write()
