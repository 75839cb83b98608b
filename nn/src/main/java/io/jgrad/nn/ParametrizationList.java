package io.jgrad.nn;

import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The parametrizations of one tensor, as torch's {@code ParametrizationList}: the original(s)
 * as parameters ({@code original}, or {@code original0, original1, ...}) and the chain of
 * functions as submodules {@code 0, 1, ...}, applied in registration order. It lives at
 * {@code <module>.parametrizations.<name>}, so the state dict keys are torch's.
 * Built by {@link Parametrize}; not used directly.
 */
public final class ParametrizationList extends Module {
  private final int originals;
  private int count;
  /** The tensor the layer's field still refers to (the original when there is exactly one). */
  final Tensor raw;

  ParametrizationList(Tensor raw, List<Tensor> originals, Parametrization first) {
    this.raw = raw;
    this.originals = originals.size();
    if (originals.size() == 1) {
      registerParameter("original", originals.get(0));
    } else {
      for (int i = 0; i < originals.size(); i++) registerParameter("original" + i, originals.get(i));
    }
    add(first);
  }

  void add(Parametrization p) { registerModule(Integer.toString(count++), p); }

  /** The original(s), in order. */
  public List<Tensor> originals() {
    List<Tensor> out = new ArrayList<>();
    if (originals == 1) {
      out.add(ownParameter("original"));
    } else {
      for (int i = 0; i < originals; i++) out.add(ownParameter("original" + i));
    }
    return out;
  }

  /** The functions, in the order they apply. */
  public List<Parametrization> functions() {
    List<Parametrization> out = new ArrayList<>();
    for (int i = 0; i < count; i++) out.add((Parametrization) child(Integer.toString(i)));
    return out;
  }

  /** The parametrized value: f_n(...f_1(f_0(originals))). */
  public Tensor value() {
    List<Parametrization> fs = functions();
    Tensor t = fs.get(0).forward(originals());
    for (int i = 1; i < fs.size(); i++) t = fs.get(i).forward(t);
    return t;
  }

  /** Not a layer: use {@link #value()}. */
  @Override
  public Tensor forward(Tensor x) {
    throw new UnsupportedOperationException("ParametrizationList is not a layer: the parametrized tensor is value()");
  }
}
