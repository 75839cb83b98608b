package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The tensor core against PyTorch 1.13 (tools/golden/gen_core.py): views (values, strides,
 * offset and whether memory is shared), creation, and dtype casts. Cases where torch raises
 * carry {@code error: true}; Java must throw IllegalArgumentException there.
 */
class CoreGoldenTest {
  private static final int MIN_CASES = 500;

  @TestFactory
  Stream<DynamicTest> golden() {
    Map<String, Function<GoldenCase, List<Tensor>>> ops = new HashMap<>();
    ops.put("view", c -> view(c, x -> x.view(c.intsArg("shape", new int[0]))));
    ops.put("reshape", c -> view(c, x -> x.reshape(c.intsArg("shape", new int[0]))));
    ops.put("permute", c -> view(c, x -> x.permute(c.intsArg("dims", new int[0]))));
    ops.put("transpose", c -> view(c, x -> x.transpose(c.intArg("dim0"), c.intArg("dim1"))));
    ops.put("t", c -> view(c, Tensor::t));
    ops.put("movedim", c -> view(c, x -> x.movedim(c.intArg("source"), c.intArg("destination"))));
    ops.put("expand", c -> view(c, x -> x.expand(c.intsArg("shape", new int[0]))));
    ops.put("narrow", c -> view(c, x -> x.narrow(c.intArg("dim"), c.intArg("start"), c.intArg("length"))));
    ops.put("slice", c -> view(c, x -> x.slice(c.intArg("dim"), c.intArg("start"), c.intArg("end"), c.intArg("step"))));
    ops.put("select", c -> view(c, x -> x.select(c.intArg("dim"), c.intArg("index"))));
    ops.put("squeeze", c -> view(c, Tensor::squeeze));
    ops.put("squeeze_dim", c -> view(c, x -> x.squeeze(c.intArg("dim"))));
    ops.put("unsqueeze", c -> view(c, x -> x.unsqueeze(c.intArg("dim"))));
    ops.put("flatten", c -> view(c, x -> x.flatten(c.intArg("start"), c.intArg("end"))));
    ops.put("unflatten", c -> view(c, x -> x.unflatten(c.intArg("dim"), c.intsArg("sizes"))));
    ops.put("unfold", c -> view(c, x -> x.unfold(c.intArg("dim"), c.intArg("size"), c.intArg("step"))));
    ops.put("contiguous", c -> view(c, Tensor::contiguous));
    ops.put("arange", c -> create(c, () -> Tensor.arange(c.doubleArg("start"), c.doubleArg("end"), c.doubleArg("step"),
        c.has("dtype") ? c.dtypeArg("dtype") : null)));
    ops.put("arange_end", c -> List.of(Tensor.arange(c.intArg("end"))));
    ops.put("linspace", c -> List.of(Tensor.linspace(c.doubleArg("start"), c.doubleArg("end"), c.intArg("steps"),
        c.dtypeArg("dtype"))));
    ops.put("eye", c -> List.of(Tensor.eye(c.intArg("n"), c.intArg("m"), c.dtypeArg("dtype"))));
    ops.put("zeros", c -> List.of(Tensor.zeros(c.dtypeArg("dtype"), c.intsArg("shape", new int[0]))));
    ops.put("ones", c -> List.of(Tensor.ones(c.dtypeArg("dtype"), c.intsArg("shape", new int[0]))));
    ops.put("full", c -> create(c, () -> Tensor.full(c.intsArg("shape"), c.doubleArg("value"), c.dtypeArg("dtype"))));
    ops.put("from_array", c -> List.of(Tensor.fromArray(c.input(0).toFloatArray(), c.intsArg("shape", new int[0]))));
    ops.put("to", c -> List.of(c.input(0).to(c.dtypeArg("dtype"))));
    // NaN, +-inf and out-of-range floats to int: undefined in C++; torch on x86 and jgrad give the minimum value.
    ops.put("to_undefined", c -> List.of(c.input(0).to(c.dtypeArg("dtype"))));
    return Golden.run("core", ops, MIN_CASES);
  }

  /** Runs a view op; checks the error / shared-memory flags and returns [result, strides + offset]. */
  private static List<Tensor> view(GoldenCase c, Function<Tensor, Tensor> op) {
    Tensor x = c.input(0);
    if (c.boolArg("error", false)) {
      assertThrows(IllegalArgumentException.class, () -> op.apply(x), c.id() + ": torch raises");
      return List.of();
    }
    Tensor y = op.apply(x);
    if (c.has("shares")) assertEquals(c.boolArg("shares"), y.sharesMemoryWith(x), c.id() + ": shares memory");
    if (c.outputCount() == 1) return List.of(y);
    long[] meta = new long[y.dim() + 1];
    for (int d = 0; d < y.dim(); d++) meta[d] = y.stride(d);
    meta[y.dim()] = y.offset() - x.offset();
    return List.of(y, Tensor.of(meta));
  }

  private static List<Tensor> create(GoldenCase c, java.util.function.Supplier<Tensor> op) {
    if (c.boolArg("error", false)) {
      assertThrows(IllegalArgumentException.class, op::get, c.id() + ": torch raises");
      return List.of();
    }
    return List.of(op.get());
  }
}
