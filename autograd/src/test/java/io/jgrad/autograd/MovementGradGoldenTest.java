package io.jgrad.autograd;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.GoldenCase;
import io.jgrad.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden gradients of the movement ops (tools/golden/gen_grad_movement.py). */
class MovementGradGoldenTest {
  static final int MIN_CASES = 100;

  static Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> ops() {
    Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> m = new HashMap<>();
    m.put("view", (c, x) -> x.get(0).view(c.intsArg("shape")));
    m.put("reshape", (c, x) -> x.get(0).reshape(c.intsArg("shape")));
    m.put("permute", (c, x) -> x.get(0).permute(c.intsArg("dims")));
    m.put("transpose", (c, x) -> x.get(0).transpose(c.intArg("dim0"), c.intArg("dim1")));
    m.put("t", (c, x) -> x.get(0).t());
    m.put("movedim", (c, x) -> x.get(0).movedim(c.intArg("source"), c.intArg("destination")));
    m.put("expand", (c, x) -> x.get(0).expand(c.intsArg("shape")));
    m.put("narrow", (c, x) -> x.get(0).narrow(c.intArg("dim"), c.intArg("start"), c.intArg("length")));
    m.put("slice", (c, x) -> x.get(0).slice(c.intArg("dim"), c.intArg("start"), c.intArg("end"), c.intArg("step")));
    m.put("select", (c, x) -> x.get(0).select(c.intArg("dim"), c.intArg("index")));
    m.put("squeeze", (c, x) -> x.get(0).squeeze());
    m.put("squeezeDim", (c, x) -> x.get(0).squeeze(c.intArg("dim")));
    m.put("unsqueeze", (c, x) -> x.get(0).unsqueeze(c.intArg("dim")));
    m.put("flatten", (c, x) -> x.get(0).flatten(c.intArg("start"), c.intArg("end")));
    m.put("unflatten", (c, x) -> x.get(0).unflatten(c.intArg("dim"), c.intsArg("sizes")));
    m.put("unfold", (c, x) -> x.get(0).unfold(c.intArg("dim"), c.intArg("size"), c.intArg("step")));
    m.put("contiguous", (c, x) -> x.get(0).contiguous());
    m.put("copy", (c, x) -> x.get(0).copy());
    m.put("toDtype", (c, x) -> x.get(0).to(c.dtypeArg("dtype")));
    m.put("toDevice", (c, x) -> x.get(0).to(Device.parse(c.stringArg("device"))));
    return squared(m);
  }

  /** Cases with "square": true compute op(x) * op(x) (see dbl() in the generator). */
  static Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> squared(
      Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> m) {
    Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> r = new HashMap<>();
    m.forEach((op, f) -> r.put(op, (c, x) -> {
      Tensor y = f.apply(c, x);
      return c.boolArg("square", false) ? y.mul(f.apply(c, x)) : y;
    }));
    return r;
  }

  @TestFactory
  Stream<DynamicTest> golden() { return GradGolden.run("grad_movement", ops(), MIN_CASES); }
}
