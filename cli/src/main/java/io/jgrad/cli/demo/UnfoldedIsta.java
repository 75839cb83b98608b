package io.jgrad.cli.demo;

import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.nn.Module;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code layers} unfolded ISTA steps for y = A x: {@code x_{t+1} = soft(x_t + gamma_t A^T (y - A x_t), theta_t)}
 * from x_0 = 0 (paper 53's DU-ISTA; plain ISTA when nothing is learned). The thresholds are
 * {@code soft_threshold} layers from the registry; gamma_t are parameters when {@code learned}.
 * Shape: y [B, m] -> x [B, n] with A [m, n].
 */
final class UnfoldedIsta extends Module {
  private final Tensor a;
  private final List<Tensor> gammas = new ArrayList<>();
  private final List<Module> shrink = new ArrayList<>();

  UnfoldedIsta(Tensor a, int layers, double gamma, double theta, boolean learned) {
    this.a = registerBuffer("A", a);
    for (int t = 0; t < layers; t++) {
      Tensor g = untracked(() -> Tensor.scalar(gamma, defaultDType()));
      gammas.add(learned ? registerParameter("gamma" + t, g) : registerBuffer("gamma" + t, g));
      shrink.add(registerModule("shrink" + t, Catalog.create(String.format(Locale.ROOT, "soft_threshold:theta=%s,learnable=%s", theta,
          learned), Kind.LAYER, Module.class)));
    }
  }

  @Override
  public Tensor forward(Tensor y) { return iterates(y).getLast(); }

  /** x_1 ... x_T. */
  List<Tensor> iterates(Tensor y) {
    List<Tensor> out = new ArrayList<>();
    Tensor x = Tensor.zeros(y.dtype(), y.size(0), a.size(1));
    for (int t = 0; t < gammas.size(); t++) {
      Tensor r = y.sub(x.matmul(a.t()));
      x = shrink.get(t).forward(x.add(r.matmul(a).mul(gammas.get(t))));
      out.add(x);
    }
    return out;
  }
}
