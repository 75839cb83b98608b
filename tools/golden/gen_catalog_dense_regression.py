"""Golden values and gradients for the dense-prediction and regression catalog family against
PyTorch 1.13 reimplementations of the cited reference code.

Writes losses/src/test/resources/golden/catalog/dense_regression.json (value + gradient cases,
read with GradGolden) and dense_regression_values.json (forward-only cases: schedules, masks,
metrics). Every case carries "component": the catalog id it checks.
Run with Debian's PyTorch: /usr/bin/python3 tools/golden/gen_catalog_dense_regression.py

References transcribed here (read line by line):
  MONAI monai/losses/dice.py (DiceLoss, GeneralizedDiceLoss), monai/losses/utils.py
    (compute_tp_fp_fn), monai/losses/tversky.py; mmsegmentation tversky_loss.py (defaults);
    nabsabraham/focal-tversky-unet losses.py (focal exponent 1/gamma);
  bermanmaxim/LovaszSoftmax pytorch/lovasz_losses.py (sort made stable so ties are defined);
  sklearn mean_pinball_loss (formula); diffusers scheduled_huber_loss_training conditional_loss
    and its huber_c schedules; ZhenghanFang/learned-proximal-networks lpn/utils/utils.py;
  Keras LogCosh / MeanAbsolutePercentageError / MeanSquaredLogarithmicError; kornia
    total_variation; Vekteur/probabilistic-calibration-study marginal_regul.py, calibration.py
    and fast_soft_sort (L2); uoguelph-mlrg/Cutout util/cutout.py (current and first commit).
"""
from catalog_dense_regression import calibration, images, lovasz, regression, segmentation
from catalog_dense_regression.common import g, v

for add in (
        segmentation.add_dice_generalized_dice_tversky,
        lovasz.add_lovasz,
        regression.add_pinball,
        regression.add_pseudo_huber,
        regression.add_proximal_matching,
        regression.add_z_error,
        regression.add_aggregate,
        regression.add_keras_regression_losses,
        images.add_total_variation,
        calibration.add_calibration,
        calibration.add_lr_qr,
        calibration.add_regression_error_metrics,
        images.add_cutout,
):
    add()

g.write()
v.write()
