/**
 * Curvature of a loss with respect to parameters, from Hessian-vector products: {@link
 * io.jgrad.losses.curvature.HessianVectorProduct} (the gradient computed once, many products),
 * {@link io.jgrad.losses.curvature.Curvature} (the dominant Hessian eigenvalue by power iteration,
 * the Hessian trace by Hutchinson's estimator) and {@link
 * io.jgrad.losses.curvature.PerSampleGradients} (a loop over examples). Checked against the exact
 * Hessian of torch.autograd.functional.hessian (tools/golden/gen_robustness.py).
 */
package io.jgrad.losses.curvature;
