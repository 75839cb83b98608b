package io.jgrad.autograd;

import static io.jgrad.autograd.MatrixOps.mT;

import io.jgrad.tensor.Tensor;

/**
 * Gradient of the pseudo-inverse P = pinv(A) (torch's pinv_backward, real case), valid where
 * the rank is locally constant: for m <= n, with K = G^T P,
 * gA = -(P K)^T + K P^T - (A P) K P^T + (P^T P)(G^T - K A); the transposed form for m > n.
 */
final class PinvDerivative {
  private PinvDerivative() {}

  static Tensor backward(Tensor g, Tensor p, Tensor a) {
    int m = a.size(-2), n = a.size(-1);
    Tensor ph = mT(p), gh = mT(g);
    if (m <= n) {
      Tensor k = gh.matmul(p);
      Tensor kph = k.matmul(ph);
      return mT(p.matmul(k)).neg().add(kph).sub(a.matmul(p).matmul(kph)).add(ph.matmul(p).matmul(gh.sub(k.matmul(a))));
    }
    Tensor k = p.matmul(gh);
    Tensor phk = ph.matmul(k);
    return mT(k.matmul(p)).neg().add(gh.sub(a.matmul(k)).matmul(p).matmul(ph)).add(phk).sub(phk.matmul(p).matmul(a));
  }
}
