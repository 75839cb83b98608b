package io.jgrad.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The core families (copy/cast, unary, binary, where, reductions, arg-reductions, scans,
 * softmax) reached through the public Tensor API on an OpenCL device, against the same calls
 * on the CPU: the tensor layer's broadcasting, views and dtype choices meet the kernels.
 */
@RequiresOpenCL
class ClTensorCoreTest {
  private static final Device CL = Device.opencl(Integer.getInteger("jgrad.opencl.device", 0));

  @Test
  void tensorOpsOnOpenClMatchCpu() {
    Generator g = new Generator(11);
    Tensor a = Tensor.randn(g, 5, 7), b = Tensor.randn(g, 7), c = Tensor.randn(g, 3, 5, 33);
    Map<String, Function<List<Tensor>, Tensor>> ops = new LinkedHashMap<>();
    ops.put("exp of transpose", t -> t.get(0).transpose(0, 1).exp());
    ops.put("broadcast add", t -> t.get(0).add(t.get(1)));
    ops.put("mul scalar, sub, div", t -> t.get(0).mul(2.5).sub(t.get(1)).div(t.get(0).add(10)));
    ops.put("remainder", t -> t.get(0).remainder(0.7));
    ops.put("pow", t -> t.get(0).abs().pow(t.get(1)));
    ops.put("gelu tanh, sigmoid, clamp", t -> t.get(0).gelu(true).add(t.get(0).sigmoid()).clamp(-0.5, 0.75));
    ops.put("round, sign", t -> t.get(0).mul(3).round().add(t.get(0).sign()));
    ops.put("lt to float", t -> t.get(0).lt(t.get(1)).to(DType.FLOAT32));
    ops.put("where", t -> Tensor.where(t.get(0).lt(0), t.get(0), t.get(1)));
    ops.put("sum dims keepDim", t -> t.get(2).sum(new int[] {0, 2}, true));
    ops.put("mean", t -> t.get(2).mean(1));
    ops.put("prod", t -> t.get(0).prod(new int[] {1}, false));
    ops.put("max", t -> t.get(2).max(new int[] {2}, false));
    ops.put("argmax", t -> t.get(2).argmax(1, false));
    ops.put("all/any", t -> t.get(0).lt(1).all(new int[] {1}, false).to(DType.INT64).add(t.get(0).lt(-2).any(new int[] {1}, false).to(DType.INT64)));
    ops.put("cumsum", t -> t.get(2).cumsum(2));
    ops.put("cumprod", t -> t.get(0).cumprod(0));
    ops.put("softmax", t -> t.get(2).softmax(1));
    ops.put("logSoftmax", t -> t.get(2).logSoftmax(2));
    ops.put("to int64 and back", t -> t.get(0).mul(4).to(DType.INT64).to(DType.FLOAT64));
    ops.put("sum of ints", t -> t.get(0).mul(4).to(DType.INT32).sum(new int[] {1}, false));
    ops.put("float64 chain", t -> t.get(2).to(DType.FLOAT64).exp().sum(new int[] {2}, false));
    List<Tensor> cpuIn = List.of(a, b, c);
    List<Tensor> clIn = cpuIn.stream().map(t -> t.to(CL)).toList();
    int cases = 0;
    for (var e : ops.entrySet()) {
      Tensor want = e.getValue().apply(cpuIn), got = e.getValue().apply(clIn);
      assertEquals(CL, got.device(), e.getKey());
      assertEquals(want.dtype(), got.dtype(), e.getKey());
      assertArrayEquals(want.shape(), got.shape(), e.getKey());
      double[] w = want.toDoubleArray(), o = got.toDoubleArray();
      for (int i = 0; i < w.length; i++) {
        double tol = want.dtype() == DType.FLOAT32 ? 1e-4 * (1 + Math.abs(w[i])) : 1e-9 * (1 + Math.abs(w[i]));
        boolean ok = Double.isNaN(w[i]) ? Double.isNaN(o[i]) : Math.abs(w[i] - o[i]) <= tol;
        assertTrue(ok, e.getKey() + ": element " + i + " is " + o[i] + ", expected " + w[i]);
      }
      cases++;
    }
    assertEquals(ops.size(), cases);
    assertEquals(22, cases);
  }
}
