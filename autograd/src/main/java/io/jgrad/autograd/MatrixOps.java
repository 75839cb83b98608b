package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;

/** Small differentiable matrix helpers for the decomposition derivatives (torch's mT, diag_embed, diagonal). */
final class MatrixOps {
  private MatrixOps() {}

  /** Transpose of the last two dims. */
  static Tensor mT(Tensor x) { return x.transpose(-2, -1); }

  /** n x n identity in x's dtype and device. */
  static Tensor eye(int n, Tensor like) {
    Tensor e = Tensor.eye(n, n, like.dtype());
    return like.device().isCpu() ? e : e.to(like.device());
  }

  /** [..., n] -> [..., n, n] with v on the diagonal. */
  static Tensor diagEmbed(Tensor v) { return v.unsqueeze(-1).mul(eye(v.size(-1), v)); }

  /** [..., n, n] -> [..., n], the main diagonal. */
  static Tensor diagonal(Tensor x) { return x.mul(eye(x.size(-1), x)).sum(new int[] {-1}, false); }

  /** True when every element is exactly 0 (torch's "this output got no gradient"). */
  static boolean isZero(Tensor x) {
    try (var off = Grad.disabled()) {
      return x.numel() == 0 || x.abs().max().item() == 0;
    }
  }
}
