package io.jgrad.autograd;

import io.jgrad.tensor.Shapes;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a custom function ({@link Autograd#function}) keeps between its forward and its backward,
 * as the {@code ctx} of {@code torch.autograd.Function}: tensors saved in forward ({@link #save},
 * read back with {@link #saved}, with a version check that rejects ones modified in place since),
 * plain values ({@link #put}/{@link #get}), and in backward the inputs and the output as they were
 * recorded. Saved tensors are dropped after backward unless the graph is retained.
 *
 * <p>The backward sees the recorded inputs and output themselves, with their history: a backward
 * written with Tensor ops on them is differentiable again under {@code createGraph}.
 */
public final class FunctionCtx {
  private final String name;
  private List<Tensor> forwardInputs; // dropped after the forward: the node keeps the inputs from then on
  private final boolean[] needsGrad;
  private final List<Tensor> saved = new ArrayList<>();
  private final List<Integer> savedVersions = new ArrayList<>();
  private final Map<String, Object> values = new HashMap<>();
  private Ctx tape;        // set while the backward runs
  private boolean released;

  FunctionCtx(String name, List<Tensor> inputs, boolean[] needsGrad) {
    this.name = name;
    this.forwardInputs = inputs;
    this.needsGrad = needsGrad;
  }

  /** The function's name, as given to {@link Autograd#function}. */
  public String name() { return name; }

  public int inputCount() { return needsGrad.length; }

  /**
   * True when input i needs a gradient (it requires grad and recording is on); the backward may
   * return null for the others. Available in forward too, to skip saving what no one needs.
   */
  public boolean needsGrad(int i) {
    checkIndex(i, needsGrad.length, "input");
    return needsGrad[i];
  }

  /** Saves tensors for the backward (call in forward); they are read back in order by {@link #saved}. */
  public void save(Tensor... tensors) {
    if (tape != null) throw new IllegalStateException("custom function '" + name + "': save is for the forward, not the backward");
    for (Tensor t : tensors) {
      saved.add(t);
      savedVersions.add(t == null ? 0 : t.version());
    }
  }

  /** Saved tensor i, in the order of {@link #save} calls. */
  public Tensor saved(int i) {
    checkReleased();
    checkIndex(i, saved.size(), "saved tensor");
    Tensor t = saved.get(i);
    if (t != null && t.version() != savedVersions.get(i)) {
      throw new IllegalStateException("custom function '" + name + "': saved tensor " + i + " " + Shapes.str(t.shape())
          + " was modified in place after it was saved (version " + t.version() + ", expected " + savedVersions.get(i)
          + "); save a copy() instead");
    }
    return t;
  }

  public int savedCount() { return saved.size(); }

  /** Keeps a plain value (a shape, a flag) for the backward. */
  public void put(String key, Object value) { values.put(key, value); }

  /** A value kept with {@link #put}, cast to {@code type}. */
  public <T> T get(String key, Class<T> type) {
    if (!values.containsKey(key)) {
      throw new IllegalArgumentException("custom function '" + name + "': no value '" + key + "' was put; have "
          + values.keySet());
    }
    return type.cast(values.get(key));
  }

  /**
   * Input i (null for an absent input). In backward it is the recorded input, checked not to have
   * been modified in place since the forward.
   */
  public Tensor input(int i) {
    checkIndex(i, needsGrad.length, "input");
    if (tape == null) {
      if (forwardInputs == null) throw new IllegalStateException("custom function '" + name + "': input() outside the forward and backward");
      return forwardInputs.get(i);
    }
    return tape.input(i);
  }

  /** The function's output, with its history (backward only). */
  public Tensor output() {
    if (tape == null) throw new IllegalStateException("custom function '" + name + "': output() is available in the backward only");
    return tape.output(0);
  }

  /** Binds the backward's view of the tape; returns the previous binding. */
  Ctx bind(Ctx ctx) {
    Ctx was = tape;
    tape = ctx;
    return was;
  }

  /** The forward is over: the recorded node holds the inputs from now on. */
  void endForward() { forwardInputs = null; }

  void release() {
    released = true;
    forwardInputs = null;
    saved.clear();
    values.clear();
  }

  private void checkReleased() {
    if (released) {
      throw new IllegalStateException("custom function '" + name + "': backward through the graph a second time, the "
          + "saved tensors were already freed; pass retainGraph=true to the first backward");
    }
  }

  private void checkIndex(int i, int n, String what) {
    if (i < 0 || i >= n) {
      throw new IndexOutOfBoundsException("custom function '" + name + "': " + what + " index " + i + " out of range for " + n);
    }
  }
}
