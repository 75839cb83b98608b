package io.jgrad.tensor;

/**
 * The tensor layer's one device check: an op whose tensor operands live on different devices
 * is refused before any backend sees a foreign buffer. Mixing devices is an error, never a
 * silent copy (STYLE.md section 4); moving data is the caller's explicit {@code to(device)}.
 */
final class Devices {
  private Devices() {}

  /** Throws {@code "op: expected same device, got a and b"} unless both are on one device. */
  static void requireSame(String op, Tensor a, Tensor b) {
    if (!a.device().equals(b.device())) {
      throw new IllegalArgumentException(op + ": expected same device, got " + a.device() + " and " + b.device());
    }
  }
}
