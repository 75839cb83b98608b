package io.jgrad.nn;

import io.jgrad.tensor.Tensor;
import java.util.List;

/**
 * Holds submodules named "0", "1", ... so their parameters are registered; it has no forward of
 * its own, as torch.nn.ModuleList: run each element with {@link Module#call} so its hooks run.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.ModuleList.html">torch.nn.ModuleList</a>
 */
public class ModuleList extends Module {
  private int count;

  public ModuleList(Module... modules) {
    for (Module m : modules) add(m);
  }

  public ModuleList add(Module m) {
    registerModule(Integer.toString(count++), m);
    return this;
  }

  public int size() { return count; }

  public Module get(int i) {
    if (i < 0 || i >= count) throw new IllegalArgumentException("ModuleList: index " + i + " out of range for size " + count);
    return namedChildren().get(Integer.toString(i));
  }

  public List<Module> modules() { return List.copyOf(namedChildren().values()); }

  /** @throws UnsupportedOperationException always: a ModuleList is a container, not a layer */
  @Override
  public Tensor forward(Tensor x) {
    throw new UnsupportedOperationException("ModuleList: has no forward; iterate over modules() instead");
  }

  /** @throws UnsupportedOperationException always: a ModuleList is a container, not a layer */
  @Override
  public Tensor forward(Tensor... inputs) {
    throw new UnsupportedOperationException("ModuleList: has no forward; iterate over modules() instead");
  }
}
