package io.jgrad.tensor.cpu;

/**
 * One entry of {@link AllocationProbe}: a kernel call on fixed data. {@code kernel} cases call a
 * Vector API kernel directly and must allocate nothing once compiled; {@code op} cases go through
 * {@link CpuBackend} with views over at least 32K elements and may allocate only the call's
 * small, size-independent metadata (views, loop geometry, lambdas), at most
 * {@link AllocationProbe#OP_BOUND} bytes; a boxed vector per loop step would be hundreds of KB.
 */
public record ProbeCase(String family, String name, boolean kernel, Runnable body) {
  /** A direct kernel call: 0 bytes per call. */
  public static ProbeCase kernel(String family, String name, Runnable body) {
    return new ProbeCase(family, name, true, body);
  }

  /** A backend call: at most {@link AllocationProbe#OP_BOUND} bytes per call. */
  public static ProbeCase op(String family, String name, Runnable body) {
    return new ProbeCase(family, name, false, body);
  }
}
