package io.jgrad.losses.procedure;

import io.jgrad.nn.BatchNorm;
import io.jgrad.nn.Module;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the running statistics of every {@link BatchNorm} layer of a model unchanged across
 * extra forward passes (a procedure's perturbed passes): {@link #freeze} saves running mean,
 * running variance and the batch counter, {@link #close} copies them back. The layers still
 * normalize with the statistics of the batch they see, as the reference implementations do
 * (SAM's {@code disable_running_stats}, VAT's {@code update_batch_stats=False}).
 *
 * <pre>{@code
 * try (BatchNormFreeze frozen = BatchNormFreeze.freeze(model)) {
 *   Tensor out2 = model.forward(x);   // does not move the running statistics
 * }
 * }</pre>
 */
public final class BatchNormFreeze implements AutoCloseable {
  private final List<Tensor> buffers;
  private final WeightCopies copies;

  private BatchNormFreeze(List<Tensor> buffers, WeightCopies copies) {
    this.buffers = buffers;
    this.copies = copies;
  }

  /** Saves the statistics of {@code model}'s BatchNorm layers (none: a no-op guard). */
  public static BatchNormFreeze freeze(Module model) { return freeze(model, null); }

  /** As {@link #freeze(Module)}, reusing {@code reuse}'s buffers (a procedure keeps one per step object). */
  public static BatchNormFreeze freeze(Module model, WeightCopies reuse) {
    List<Tensor> bufs = new ArrayList<>();
    for (Module m : model.namedModules().values()) {
      if (m instanceof BatchNorm bn) {
        bufs.add(bn.runningMean());
        bufs.add(bn.runningVar());
        bufs.add(bn.numBatchesTracked());
      }
    }
    if (bufs.isEmpty()) return new BatchNormFreeze(bufs, null);
    WeightCopies c = reuse != null ? reuse : new WeightCopies();
    return new BatchNormFreeze(bufs, c.save(bufs));
  }

  /** Puts the saved statistics back. */
  @Override
  public void close() {
    if (copies != null) copies.restore();
  }
}
