package io.jgrad.nn;

import io.jgrad.tensor.Tensor;
import java.util.List;

/**
 * Applies its layers in order (each through {@link Module#call}, so their hooks run); they are
 * named "0", "1", ... as in torch.nn.Sequential.
 * Shape: the first layer's input to the last layer's output.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.Sequential.html">torch.nn.Sequential</a>
 */
public class Sequential extends Module {
  private int count;

  public Sequential(Module... layers) {
    for (Module m : layers) add(m);
  }

  /** Appends a layer named after its position; returns this. */
  public Sequential add(Module m) {
    registerModule(Integer.toString(count++), m);
    return this;
  }

  public int size() { return count; }

  public Module get(int i) {
    if (i < 0 || i >= count) throw new IllegalArgumentException("Sequential: index " + i + " out of range for size " + count);
    return namedChildren().get(Integer.toString(i));
  }

  public List<Module> layers() { return List.copyOf(namedChildren().values()); }

  @Override
  public Tensor forward(Tensor x) {
    for (Module m : namedChildren().values()) x = m.call(x);
    return x;
  }
}
