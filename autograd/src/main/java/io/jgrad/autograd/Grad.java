package io.jgrad.autograd;

import io.jgrad.tensor.GradMode;

/**
 * Grad-mode scopes: {@code try (var off = Grad.disabled()) { ... }} records nothing and keeps
 * no memory for backward; {@code Grad.enabled()} turns recording back on inside such a scope.
 */
public final class Grad {
  private Grad() {}

  public static GradMode.Scope disabled() { return GradMode.disabled(); }

  public static GradMode.Scope enabled() { return GradMode.enabled(); }

  public static boolean isEnabled() { return GradMode.isEnabled(); }
}
