package io.jgrad.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.ValuesIndices;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The kernels of this family reached through the public Tensor API on an OpenCL device, against
 * the same calls on the CPU: checks that the tensor layer's views and the kernels agree
 * (conv2d = im2col + matmul + bias, pooling, sort, gather/scatterAdd/indexSelect/indexAdd, nonzero).
 */
@RequiresOpenCL
class ClTensorOpsTest {
  private static final Device CL = Device.opencl(Integer.getInteger("jgrad.opencl.device", 0));

  @Test
  void tensorOpsOnOpenClMatchCpu() {
    Generator g = new Generator(5);
    Tensor x = Tensor.randn(g, 2, 3, 11, 13), w = Tensor.randn(g, 4, 3, 3, 3), bias = Tensor.randn(g, 4);
    Tensor v = Tensor.randn(g, 6, 37);
    Tensor idx = Tensor.of(new long[] {5, 0, 5, 3, 1, 5, 2, 0}).reshape(4, 2);
    // 700 indices into 6 rows: the sorted scatter path with an expanded (shared) index
    Tensor many = Tensor.randint(g, 0, 6, 700), source = Tensor.randn(g, 700, 37);
    List<String> names = new ArrayList<>();
    List<Function<List<Tensor>, List<Tensor>>> ops = new ArrayList<>();
    names.add("conv2d");
    ops.add(t -> List.of(t.get(0).conv2d(t.get(1), t.get(2), new int[] {2, 1}, new int[] {1, 2}, new int[] {1, 2}, 1)));
    names.add("maxPool2dWithIndices");
    ops.add(t -> {
      ValuesIndices r = t.get(0).maxPool2dWithIndices(new int[] {3, 2}, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, true);
      return List.of(r.values(), r.indices());
    });
    names.add("avgPool2d");
    ops.add(t -> List.of(t.get(0).avgPool2d(new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}, true, false)));
    names.add("adaptiveAvgPool2d");
    ops.add(t -> List.of(t.get(0).adaptiveAvgPool2d(4, 5)));
    names.add("matmul transposed");
    ops.add(t -> List.of(t.get(3).matmul(t.get(3).transpose(0, 1))));
    names.add("sort");
    ops.add(t -> {
      ValuesIndices r = t.get(3).sort(1, true);
      return List.of(r.values(), r.indices());
    });
    names.add("gather");
    ops.add(t -> List.of(t.get(3).gather(0, t.get(4))));
    names.add("scatterAdd");
    ops.add(t -> List.of(Tensor.zerosLike(t.get(3)).scatterAdd(0, t.get(4), t.get(3).narrow(0, 0, 4))));
    names.add("indexSelect");
    ops.add(t -> List.of(t.get(3).indexSelect(1, t.get(4).reshape(8))));
    names.add("indexAdd");
    ops.add(t -> List.of(t.get(3).indexAdd(0, t.get(5), t.get(6), 0.5)));
    names.add("nonzero");
    ops.add(t -> List.of(t.get(4).nonzero()));
    List<Tensor> cpuIn = List.of(x, w, bias, v, idx, many, source);
    List<Tensor> clIn = cpuIn.stream().map(t -> t.to(CL)).toList();
    int cases = 0;
    for (int i = 0; i < ops.size(); i++) {
      List<Tensor> want = ops.get(i).apply(cpuIn), got = ops.get(i).apply(clIn);
      for (int j = 0; j < want.size(); j++) {
        assertEquals(CL, got.get(j).device(), names.get(i));
        assertArrayEquals(want.get(j).shape(), got.get(j).shape(), names.get(i));
        double[] a = want.get(j).toDoubleArray(), b = got.get(j).toDoubleArray();
        assertArrayEquals(a, b, want.get(j).dtype() == DType.FLOAT32 ? 1e-5 : 0, names.get(i) + " output " + j);
      }
      cases++;
    }
    assertEquals(11, cases);
  }
}
