package io.jgrad.kernels.cuda;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The condition behind {@link RequiresCuda}. */
public final class RequiresCudaCondition implements ExecutionCondition {
  /** True when a missing device must fail the tests instead of skipping them. */
  static boolean required() {
    return Boolean.getBoolean("jgrad.requireCuda") || "1".equals(System.getenv("JGRAD_REQUIRE_CUDA"));
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String why = new CudaProvider().unavailableReason();
    if (why == null) return ConditionEvaluationResult.enabled("CUDA device present: " + CudaProvider.deviceCount());
    if (required()) {
      // An ExecutionCondition cannot fail a test, so throwing is the way to turn the skip into an error.
      throw new IllegalStateException("CUDA is required (jgrad.requireCuda / JGRAD_REQUIRE_CUDA) but unavailable: " + why);
    }
    return ConditionEvaluationResult.disabled("CUDA unavailable: " + why);
  }
}
