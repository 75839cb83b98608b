package io.jgrad.autograd;

/**
 * Thrown by {@link GradCheck} when an analytic gradient (the tape's) disagrees with finite
 * differences. The message names the check, the output and input, the element (flat index
 * and coordinates), both values and the tolerance. An {@link AssertionError}, so test
 * frameworks report it as a failure rather than an error.
 */
public final class GradCheckException extends AssertionError {
  GradCheckException(String message) { super(message); }
}
