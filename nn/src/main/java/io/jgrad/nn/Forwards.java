package io.jgrad.nn;

import io.jgrad.tensor.Tensor;

/**
 * Which forward a module class defines: {@code forward(Tensor)} (one input), {@code
 * forward(Tensor...)} (several), or both; {@link Module#call} and the default forwards dispatch on
 * it, so that each class overrides only the one it needs.
 */
final class Forwards {
  record Arity(boolean single, boolean multi) {}

  private static final ClassValue<Arity> ARITY = new ClassValue<>() {
    @Override
    protected Arity computeValue(Class<?> type) {
      boolean single = false, multi = false;
      for (Class<?> c = type; c != null && c != Module.class; c = c.getSuperclass()) {
        single |= declares(c, Tensor.class);
        multi |= declares(c, Tensor[].class);
      }
      return new Arity(single, multi);
    }
  };

  private Forwards() {}

  private static boolean declares(Class<?> c, Class<?> param) {
    try {
      c.getDeclaredMethod("forward", param);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  static Arity of(Module m) { return ARITY.get(m.getClass()); }

  /** The forward of {@code m} for these inputs, through the override the class has. */
  static Tensor run(Module m, Tensor[] inputs) {
    Arity a = of(m);
    if (inputs.length == 1 && a.single()) return m.forward(inputs[0]);
    if (a.multi()) return m.forward(inputs);
    throw wrongCount(m, inputs.length);
  }

  static RuntimeException wrongCount(Module m, int n) {
    String name = m.getClass().getSimpleName();
    if (!of(m).single()) {
      return new UnsupportedOperationException(name + ": defines no forward; override forward(Tensor) or forward(Tensor...)");
    }
    return new IllegalArgumentException(name + ": takes 1 input, got " + n
        + " (a module with several inputs overrides forward(Tensor...))");
  }
}
