package io.jgrad.kernels.opencl;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class or method only when an OpenCL device exists; otherwise it is
 * skipped with the provider's reason. With {@code -Djgrad.requireOpenCL=true} or
 * {@code JGRAD_REQUIRE_OPENCL=1} (CI) a missing device fails the tests instead.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(OpenClCondition.class)
public @interface RequiresOpenCL {}
