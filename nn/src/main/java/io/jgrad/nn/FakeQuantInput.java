package io.jgrad.nn;

import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A layer whose input is fake-quantized first: {@code module.forward(quant.forward(x))}, as
 * torch's {@code QuantWrapper} (children {@code quant} and {@code module}, so the wrapped layer's
 * keys gain a {@code module.} prefix). {@link #wrapAll} wraps every layer of a type in a model
 * in place, keeping the layers themselves (and their parameters) unchanged.
 * Shape: the wrapped layer's.
 */
public final class FakeQuantInput extends Module {
  private final Parametrization quant;
  private final Module module;

  public FakeQuantInput(Parametrization quant, Module module) {
    if (quant == null || module == null) throw new IllegalArgumentException("FakeQuantInput: quantizer and module are required");
    this.quant = registerModule("quant", quant);
    this.module = registerModule("module", module);
  }

  @Override
  public Tensor forward(Tensor x) { return module.call(quant.call(x)); }

  public Parametrization quant() { return quant; }

  public Module module() { return module; }

  /**
   * Replaces, in place, every submodule of {@code model} that is a {@code type} (not the model
   * itself) by a FakeQuantInput around it with a fresh quantizer from {@code quantizer}; returns
   * the wrappers in module order.
   */
  public static List<FakeQuantInput> wrapAll(Module model, Class<? extends Module> type, Supplier<? extends Parametrization> quantizer) {
    List<FakeQuantInput> out = new ArrayList<>();
    for (Module parent : new ArrayList<>(model.namedModules().values())) {
      if (parent instanceof FakeQuantInput) continue;
      for (Map.Entry<String, Module> e : parent.namedChildren().entrySet()) {
        if (type.isInstance(e.getValue())) {
          FakeQuantInput w = new FakeQuantInput(quantizer.get(), e.getValue());
          parent.registerModule(e.getKey(), w);
          out.add(w);
        }
      }
    }
    return out;
  }

  @Override
  protected String extraRepr() { return ""; }
}
