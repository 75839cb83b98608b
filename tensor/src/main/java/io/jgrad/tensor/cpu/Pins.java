package io.jgrad.tensor.cpu;

import io.jgrad.tensor.Shapes;
import io.jgrad.tensor.spi.View;

/**
 * The references a CPU kernel holds on its operands' buffers while it runs, as a PyTorch op
 * holds its tensor arguments: a tensor that another thread closes in the middle of the kernel
 * keeps its memory until the kernel is done, so the array is never handed to a new tensor while
 * it is still being read or written. A tensor already closed when the kernel starts is refused
 * with its shape and dtype named, instead of reading memory that may belong to another tensor.
 * No allocation: one reference count increment and decrement per pinned view.
 */
final class Pins {
  private Pins() {}

  /** Pins v's buffer (null is nothing); {@code method op} names the kernel in the error. */
  static void pin(String method, Object op, View v) {
    if (v != null && !((CpuBuffer) v.buffer()).tryRetain()) throw closed(method, op, v);
  }

  /** Pins both, or neither when one was already freed. */
  static void pin(String method, Object op, View a, View b) {
    pin(method, op, a);
    try {
      pin(method, op, b);
    } catch (RuntimeException e) {
      unpin(a);
      throw e;
    }
  }

  /** Pins all three, or none when one was already freed. */
  static void pin(String method, Object op, View a, View b, View c) {
    pin(method, op, a, b);
    try {
      pin(method, op, c);
    } catch (RuntimeException e) {
      unpin(a, b);
      throw e;
    }
  }

  static void unpin(View v) {
    if (v != null) v.buffer().release();
  }

  static void unpin(View a, View b) {
    unpin(a);
    unpin(b);
  }

  static void unpin(View a, View b, View c) {
    unpin(a);
    unpin(b);
    unpin(c);
  }

  /** Refuses an output view whose buffer was already freed (no pin: the op's own fresh output). */
  static void live(String method, Object op, View v) {
    if (v != null && v.buffer().isFreed()) throw closed(method, op, v);
  }

  private static IllegalStateException closed(String method, Object op, View v) {
    return new IllegalStateException("cpu: " + (op == null ? method : method + " " + op) + ": a " + v.dtype()
        + " tensor of shape " + Shapes.str(v.shape()) + " was used after close(): its buffer of " + v.buffer().length()
        + " elements was released (closed on this thread earlier, or by another thread while this one used it; share a "
        + "tensor across threads only while no thread closes it)");
  }
}
