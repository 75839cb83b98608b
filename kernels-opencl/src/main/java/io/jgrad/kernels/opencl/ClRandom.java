package io.jgrad.kernels.opencl;

import io.jgrad.tensor.spi.RandomOp;
import io.jgrad.tensor.spi.View;

/**
 * Counter-based random fills on OpenCL ({@code random.cl}): Philox4x32-10 with the CPU's
 * counter layout, unit conversions and Box-Muller, so element i (row-major in out) is the
 * CPU's {@code (seed, offset + i)} draw, up to the last ulp of the device's log and cos
 * (uniforms are exact). Without fp64 the arithmetic runs in float and is close, not equal.
 */
final class ClRandom {
  private final ClContext ctx;

  ClRandom(ClContext ctx) { this.ctx = ctx; }

  void random(RandomOp op, View out, long seed, long offset, double a, double b) {
    if (!out.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException("random fill needs a floating dtype, got " + out.dtype());
    }
    ctx.requireDtype(out.dtype(), "random");
    if (out.numel() == 0) return;
    Object lo = ctx.fp64() ? (Object) a : (Object) (float) a, hi = ctx.fp64() ? (Object) b : (Object) (float) b;
    ctx.launchGuarded(ctx.kernel("random.cl", ClTypes.define("T", out.dtype()), "random_fill"), out.numel(),
        ClBuffer.of(out, ctx, "random"), ClView.of(out, "random"), seed, offset, lo, hi,
        op == RandomOp.UNIFORM ? 0 : 1);
  }
}
