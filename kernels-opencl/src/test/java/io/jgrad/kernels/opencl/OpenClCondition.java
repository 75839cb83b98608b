package io.jgrad.kernels.opencl;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The condition behind {@link RequiresOpenCL}. */
public final class OpenClCondition implements ExecutionCondition {
  /** True when a missing device must fail the tests (CI). */
  public static boolean required() {
    return Boolean.getBoolean("jgrad.requireOpenCL") || "1".equals(System.getenv("JGRAD_REQUIRE_OPENCL"))
        || "true".equalsIgnoreCase(System.getenv("JGRAD_REQUIRE_OPENCL"));
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (OpenClProvider.available()) return ConditionEvaluationResult.enabled("OpenCL: " + OpenClProvider.describe());
    String why = "no OpenCL device: " + OpenClProvider.reason();
    if (required()) {
      throw new AssertionError(why + " (jgrad.requireOpenCL / JGRAD_REQUIRE_OPENCL demands one)");
    }
    return ConditionEvaluationResult.disabled(why);
  }
}
