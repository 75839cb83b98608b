package io.jgrad.losses.attack;

/**
 * The fast gradient sign method (Goodfellow, Shlens and Szegedy 2015, "Explaining and
 * Harnessing Adversarial Examples"): one step of size eps from x,
 * x' = clamp_range(x + eps sign(d loss / d x)) (L-inf), or its L2 form (the fast gradient
 * method) x' = clamp_range(x + eps g / ||g||_2). It is {@link Pgd} with one step of size eps and
 * no random start; with a random start and a step of 1.25 eps it is "FGSM-RS" (Wong, Rice and
 * Kolter 2020, "Fast is better than free"): {@code Fgsm.builder(...).randomStart(g).stepSize(1.25 * eps)}.
 * Shape: x [B, ...], y [B] -> [B, ...].
 *
 * @see <a href="https://arxiv.org/abs/1412.6572">Goodfellow et al. 2015</a>
 */
public final class Fgsm {
  private Fgsm() {}

  /** L-inf FGSM of radius eps, clamped to {@code range}. */
  public static Pgd of(double eps, DataRange range) { return builder(Norm.LINF, eps, range).build(); }

  /** FGSM settings: one step of size eps (change with {@code stepSize}), no random start. */
  public static Pgd.Builder builder(Norm norm, double eps, DataRange range) {
    Pgd.Builder b = new Pgd.Builder("fgsm", norm, eps, range).steps(1);
    return eps > 0 ? b.stepSize(eps) : b;
  }
}
