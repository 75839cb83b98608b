package io.jgrad.kernels.cuda;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test only when a CUDA device is usable; otherwise it is skipped with the provider's
 * reason, or FAILS when {@code -Djgrad.requireCuda=true} or {@code JGRAD_REQUIRE_CUDA=1} (the GPU
 * run sets it, so a broken driver setup cannot pass as "skipped").
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresCudaCondition.class)
public @interface RequiresCuda {}
