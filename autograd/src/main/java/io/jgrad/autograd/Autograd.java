package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The functional interface to the tape: gradients returned instead of accumulated. */
public final class Autograd {
  private Autograd() {}

  /**
   * d(outputs)/d(inputs) contracted with {@code gradOutputs} (null entries: ones for scalar
   * outputs), without touching any {@code grad()}. With {@code createGraph} the results are
   * differentiable (gradient penalties, double backward). With {@code allowUnused} an input
   * the outputs do not depend on gets null instead of an error.
   */
  public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                  boolean createGraph, boolean allowUnused) {
    return grad(outputs, inputs, gradOutputs, createGraph, createGraph, allowUnused);
  }

  /** As above, keeping the graph for another pass when {@code retainGraph} (implied by createGraph). */
  public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                  boolean retainGraph, boolean createGraph, boolean allowUnused) {
    List<Tensor> gos = gradOutputs == null ? new ArrayList<>(java.util.Collections.nCopies(outputs.size(), null))
        : gradOutputs;
    if (gos.size() != outputs.size()) {
      throw new IllegalArgumentException("grad: " + gos.size() + " gradOutputs for " + outputs.size() + " outputs");
    }
    return Arrays.asList(Engine.run(outputs, gos, retainGraph || createGraph, createGraph, inputs, allowUnused));
  }

  /** Gradient of one scalar output with respect to inputs. */
  public static List<Tensor> grad(Tensor output, List<Tensor> inputs, boolean createGraph) {
    return grad(List.of(output), inputs, null, createGraph, false);
  }
}
