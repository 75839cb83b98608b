package io.jgrad.kernels.cuda;

import io.jgrad.tensor.Device;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The public Tensor API and autograd on cuda:0 against the CPU: a small CNN step (conv2d, relu,
 * max pooling, linear, log-softmax, mean) forward and backward, every gradient compared.
 */
@RequiresCuda
class CudaTensorTest {
  private static final Device CUDA = Device.cuda(0);

  /** Loss and the gradients of x, conv weight, conv bias and linear weight, all downloaded. */
  private static List<float[]> step(Device d) {
    Generator g = new Generator(42);
    Tensor x = Tensor.randn(g, 4, 3, 12, 12).to(d).requiresGrad(true);
    Tensor w = Tensor.randn(g, 6, 3, 3, 3).mul(0.2).to(d).requiresGrad(true);
    Tensor b = Tensor.randn(g, 6).to(d).requiresGrad(true);
    Tensor lin = Tensor.randn(g, 6 * 6 * 6, 10).mul(0.05).to(d).requiresGrad(true);
    Tensor h = x.conv2d(w, b, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1).relu()
        .maxPool2d(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, new int[] {1, 1}, false);
    Tensor loss = h.reshape(4, 6 * 6 * 6).matmul(lin).logSoftmax(1).mean().mul(-1);
    loss.backward();
    return List.of(loss.toFloatArray(), x.grad().toFloatArray(), w.grad().toFloatArray(), b.grad().toFloatArray(),
        lin.grad().toFloatArray());
  }

  @Test
  void cnnStepMatchesTheCpu() {
    List<float[]> cpu = step(Device.CPU), cuda = step(CUDA);
    String[] names = {"loss", "x.grad", "conv weight.grad", "conv bias.grad", "linear weight.grad"};
    for (int i = 0; i < cpu.size(); i++) Diff.assertClose(names[i], cpu.get(i), cuda.get(i), 1e-5, 1e-4);
  }

  @Test
  void reductionsSortAndIndexingThroughTheTensorApi() {
    Function<Device, List<float[]>> f = d -> {
      Tensor x = Tensor.randn(new Generator(7), 33, 17).to(d);
      return List.of(x.softmax(0).toFloatArray(), x.sum(1).toFloatArray(), x.cumsum(0).toFloatArray(),
          x.transpose(0, 1).exp().mean(0).toFloatArray(), x.argmax(1, false).toFloatArray());
    };
    List<float[]> cpu = f.apply(Device.CPU), cuda = f.apply(CUDA);
    for (int i = 0; i < cpu.size(); i++) Diff.assertClose("tensor op " + i, cpu.get(i), cuda.get(i), 1e-5, 1e-5);
  }
}
