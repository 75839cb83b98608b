package io.jgrad.nn;

/**
 * Removes the hook it was returned for ({@link Module#registerForwardHook},
 * {@link Module#registerForwardPreHook}); removing twice is harmless. Works with
 * try-with-resources: {@code try (HookHandle h = m.registerForwardHook(...)) { ... }}.
 */
public interface HookHandle extends AutoCloseable {
  void remove();

  @Override
  default void close() { remove(); }
}
