package io.jgrad.losses.attack;

/** The norm of an attack's threat model: the ball ||x' - x|| &lt;= eps its perturbation stays in, per example. */
public enum Norm {
  /** max_i |x'_i - x_i| &lt;= eps; steps along sign(gradient). */
  LINF,
  /** sqrt(sum_i (x'_i - x_i)^2) &lt;= eps, over all features of one example; steps along gradient / ||gradient||_2. */
  L2
}
