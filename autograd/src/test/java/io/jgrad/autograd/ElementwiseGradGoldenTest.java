package io.jgrad.autograd;

import io.jgrad.tensor.GoldenCase;
import io.jgrad.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden gradients of every elementwise op from PyTorch 1.13
 * ({@code tools/golden/gen_grad_elementwise.py}): first order of out.sum() and of a weighted
 * sum, and double backward for the smooth ops, over broadcast pairs, non-contiguous inputs,
 * 0-dim operands and mixed float32/float64 operands.
 */
class ElementwiseGradGoldenTest {
  static final int MIN_CASES = 360;

  /** Op name (as recorded) to the Java call that records it. */
  static Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> ops() {
    Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> m = new HashMap<>();
    Map<String, UnaryOperator<Tensor>> unary = Map.ofEntries(
        Map.entry("neg", Tensor::neg), Map.entry("abs", Tensor::abs), Map.entry("sign", Tensor::sign),
        Map.entry("exp", Tensor::exp), Map.entry("expm1", Tensor::expm1), Map.entry("log", Tensor::log),
        Map.entry("log1p", Tensor::log1p), Map.entry("log2", Tensor::log2), Map.entry("sqrt", Tensor::sqrt),
        Map.entry("rsqrt", Tensor::rsqrt), Map.entry("reciprocal", Tensor::reciprocal), Map.entry("sin", Tensor::sin),
        Map.entry("cos", Tensor::cos), Map.entry("tan", Tensor::tan), Map.entry("asin", Tensor::asin),
        Map.entry("acos", Tensor::acos), Map.entry("atan", Tensor::atan), Map.entry("sinh", Tensor::sinh),
        Map.entry("cosh", Tensor::cosh), Map.entry("tanh", Tensor::tanh), Map.entry("sigmoid", Tensor::sigmoid),
        Map.entry("logSigmoid", Tensor::logSigmoid), Map.entry("relu", Tensor::relu), Map.entry("silu", Tensor::silu),
        Map.entry("erf", Tensor::erf), Map.entry("erfc", Tensor::erfc), Map.entry("floor", Tensor::floor),
        Map.entry("ceil", Tensor::ceil), Map.entry("round", Tensor::round), Map.entry("trunc", Tensor::trunc));
    unary.forEach((op, f) -> m.put(op, (c, in) -> f.apply(in.get(0))));
    m.put("softplus", (c, in) -> in.get(0).softplus(c.doubleArg("beta"), c.doubleArg("threshold")));
    m.put("leakyRelu", (c, in) -> in.get(0).leakyRelu(c.doubleArg("slope")));
    m.put("elu", (c, in) -> in.get(0).elu(c.doubleArg("alpha")));
    m.put("gelu", (c, in) -> in.get(0).gelu(c.boolArg("tanh")));
    m.put("clamp", (c, in) -> in.get(0).clamp(c.doubleArg("min", Double.NaN), c.doubleArg("max", Double.NaN)));
    m.put("powScalar", (c, in) -> in.get(0).pow(c.doubleArg("exponent")));
    m.put("nanToNum", (c, in) -> in.get(0).nanToNum(c.doubleArg("nan"), c.doubleArg("posinf"), c.doubleArg("neginf")));
    m.put("addScalar", (c, in) -> in.get(0).add(c.doubleArg("value")));
    m.put("subScalar", (c, in) -> in.get(0).sub(c.doubleArg("value")));
    m.put("mulScalar", (c, in) -> in.get(0).mul(c.doubleArg("value")));
    m.put("divScalar", (c, in) -> in.get(0).div(c.doubleArg("value")));
    m.put("remainderScalar", (c, in) -> in.get(0).remainder(c.doubleArg("value")));
    m.put("add", (c, in) -> in.get(0).add(in.get(1), c.doubleArg("alpha")));
    Map<String, BinaryOperator<Tensor>> binary = Map.of(
        "sub", Tensor::sub, "mul", Tensor::mul, "div", Tensor::div, "remainder", Tensor::remainder,
        "atan2", Tensor::atan2, "pow", Tensor::pow, "maximum", Tensor::maximum, "minimum", Tensor::minimum);
    binary.forEach((op, f) -> m.put(op, (c, in) -> f.apply(in.get(0), in.get(1))));
    m.put("where", (c, in) -> Tensor.where(in.get(0), in.get(1), in.get(2)));
    m.put("whereScalar", (c, in) -> Tensor.where(in.get(0), in.get(1), c.doubleArg("value")));
    return m;
  }

  @TestFactory
  Stream<DynamicTest> golden() {
    return GradGolden.run("grad_elementwise", ops(), MIN_CASES);
  }
}
