package io.jgrad.losses.curvature;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.losses.Losses;
import io.jgrad.nn.Module;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad arguments of the curvature tools fail naming the tool, the argument and the value. */
class CurvatureErrorTest {
  private static void fails(Executable e, String... parts) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    for (String p : parts) assertTrue(ex.getMessage().contains(p), "'" + ex.getMessage() + "' lacks '" + p + "'");
  }

  @Test
  void errors() {
    Tensor a = Tensor.ones(DType.FLOAT64, 3).requiresGrad(true);
    fails(() -> Curvature.topEigenvalue(List.of(a), () -> a.sum(), 1, 0, 10), "hessian_top_eigenvalue: tol must be > 0, got 0.0");
    fails(() -> Curvature.topEigenvalue(List.of(a), () -> a.sum(), 1, 1e-3, 0), "hessian_top_eigenvalue: maxIter must be >= 1, got 0");
    fails(() -> Curvature.trace(List.of(a), () -> a.sum(), 0, 1), "hessian_trace: samples must be >= 1, got 0");
    fails(() -> HessianVectorProduct.of(List.of(), () -> a.sum()), "hessian: no parameters given");
    fails(() -> HessianVectorProduct.of(List.of(Tensor.ones(3)), () -> a.sum()), "hessian: parameter 0 [3] float32 does not require grad");
    fails(() -> HessianVectorProduct.of(List.of(a), () -> a.mul(2.0)), "hessian: the loss must be a scalar, got [3]");
    HessianVectorProduct h = HessianVectorProduct.of(List.of(a), () -> a.mul(a).sum());
    fails(() -> h.apply(List.of(Tensor.ones(DType.FLOAT64, 4))), "hessian: v 0 has shape [4] but parameter 0 has shape [3]");
    fails(() -> h.apply(List.of()), "hessian: 0 vectors for 1 parameters");
    Module m = CurvatureGoldenTest.mlp(3, 4, 3, Tensor.zeros(DType.FLOAT64, 4, 3), Tensor.zeros(DType.FLOAT64, 4),
        Tensor.zeros(DType.FLOAT64, 3, 4), Tensor.zeros(DType.FLOAT64, 3));
    fails(() -> PerSampleGradients.compute(m, Losses::crossEntropy, Tensor.zeros(DType.FLOAT64, 4, 3), Tensor.of(new long[] {0, 1})),
        "per_sample_gradients: x [4, 3] and y [2] must have the same, non-zero batch size");
    fails(() -> PerSampleGradients.compute(m, (o, t) -> o, Tensor.zeros(DType.FLOAT64, 2, 3), Tensor.of(new long[] {0, 1})),
        "per_sample_gradients: the loss must be a scalar, got [1, 3]");
  }
}
