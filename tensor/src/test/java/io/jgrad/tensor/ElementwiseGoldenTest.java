package io.jgrad.tensor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every elementwise op against PyTorch 1.13 (tools/golden/gen_elementwise.py). */
class ElementwiseGoldenTest {
  static final int MIN_CASES = 1400;

  @TestFactory
  Stream<DynamicTest> golden() { return Golden.run("elementwise", ops(), MIN_CASES); }

  static Map<String, Function<GoldenCase, List<Tensor>>> ops() {
    Map<String, Function<GoldenCase, List<Tensor>>> m = new HashMap<>();
    unary(m, "neg", Tensor::neg);
    unary(m, "abs", Tensor::abs);
    unary(m, "sign", Tensor::sign);
    unary(m, "exp", Tensor::exp);
    unary(m, "expm1", Tensor::expm1);
    unary(m, "log", Tensor::log);
    unary(m, "log1p", Tensor::log1p);
    unary(m, "log2", Tensor::log2);
    unary(m, "sqrt", Tensor::sqrt);
    unary(m, "rsqrt", Tensor::rsqrt);
    unary(m, "reciprocal", Tensor::reciprocal);
    unary(m, "sin", Tensor::sin);
    unary(m, "cos", Tensor::cos);
    unary(m, "tan", Tensor::tan);
    unary(m, "asin", Tensor::asin);
    unary(m, "acos", Tensor::acos);
    unary(m, "atan", Tensor::atan);
    unary(m, "sinh", Tensor::sinh);
    unary(m, "cosh", Tensor::cosh);
    unary(m, "tanh", Tensor::tanh);
    unary(m, "sigmoid", Tensor::sigmoid);
    unary(m, "logSigmoid", Tensor::logSigmoid);
    unary(m, "relu", Tensor::relu);
    unary(m, "silu", Tensor::silu);
    unary(m, "erf", Tensor::erf);
    unary(m, "erfc", Tensor::erfc);
    unary(m, "floor", Tensor::floor);
    unary(m, "ceil", Tensor::ceil);
    unary(m, "round", Tensor::round);
    unary(m, "trunc", Tensor::trunc);
    unary(m, "isnan", Tensor::isnan);
    unary(m, "isinf", Tensor::isinf);
    unary(m, "isfinite", Tensor::isfinite);
    unary(m, "logicalNot", Tensor::logicalNot);
    m.put("softplus", c -> List.of(c.input(0).softplus(c.doubleArg("beta"), c.doubleArg("threshold"))));
    m.put("leakyRelu", c -> List.of(c.input(0).leakyRelu(c.doubleArg("slope"))));
    m.put("elu", c -> List.of(c.input(0).elu(c.doubleArg("alpha"))));
    m.put("gelu", c -> List.of(c.input(0).gelu(c.boolArg("tanh"))));
    m.put("clamp", c -> List.of(c.input(0).clamp(c.doubleArg("min", Double.NaN), c.doubleArg("max", Double.NaN))));
    m.put("powScalar", c -> List.of(c.input(0).pow(c.doubleArg("exponent"))));
    m.put("nanToNum", c -> List.of(c.input(0).nanToNum(c.doubleArg("nan"), c.doubleArg("posinf", Double.NaN),
        c.doubleArg("neginf", Double.NaN))));

    binary(m, "add", Tensor::add);
    binary(m, "sub", Tensor::sub);
    binary(m, "mul", Tensor::mul);
    binary(m, "div", Tensor::div);
    binary(m, "remainder", Tensor::remainder);
    binary(m, "pow", Tensor::pow);
    binary(m, "atan2", Tensor::atan2);
    binary(m, "maximum", Tensor::maximum);
    binary(m, "minimum", Tensor::minimum);
    binary(m, "eq", Tensor::eq);
    binary(m, "ne", Tensor::ne);
    binary(m, "lt", Tensor::lt);
    binary(m, "le", Tensor::le);
    binary(m, "gt", Tensor::gt);
    binary(m, "ge", Tensor::ge);
    binary(m, "logicalAnd", Tensor::logicalAnd);
    binary(m, "logicalOr", Tensor::logicalOr);
    binary(m, "logicalXor", Tensor::logicalXor);
    scalar(m, "addScalar", Tensor::add);
    scalar(m, "subScalar", Tensor::sub);
    scalar(m, "mulScalar", Tensor::mul);
    scalar(m, "divScalar", Tensor::div);
    scalar(m, "remainderScalar", Tensor::remainder);
    scalar(m, "eqScalar", Tensor::eq);
    scalar(m, "neScalar", Tensor::ne);
    scalar(m, "ltScalar", Tensor::lt);
    scalar(m, "leScalar", Tensor::le);
    scalar(m, "gtScalar", Tensor::gt);
    scalar(m, "geScalar", Tensor::ge);
    m.put("addAlpha", c -> List.of(c.input(0).add(c.input(1), c.doubleArg("alpha"))));
    m.put("where", c -> List.of(Tensor.where(c.input(0), c.input(1), c.input(2))));
    m.put("whereScalar", c -> List.of(Tensor.where(c.input(0), c.input(1), c.doubleArg("value"))));

    binary(m, "addInPlace", Tensor::addInPlace);
    binary(m, "subInPlace", Tensor::subInPlace);
    binary(m, "mulInPlace", Tensor::mulInPlace);
    binary(m, "divInPlace", Tensor::divInPlace);
    binary(m, "copyFrom", Tensor::copyFrom);
    scalar(m, "addInPlaceScalar", Tensor::addInPlace);
    scalar(m, "mulInPlaceScalar", Tensor::mulInPlace);
    scalar(m, "divInPlaceScalar", Tensor::divInPlace);
    m.put("addInPlaceAlpha", c -> List.of(c.input(0).addInPlace(c.input(1), c.doubleArg("alpha"))));
    m.put("clampInPlace", c -> List.of(c.input(0).clampInPlace(c.doubleArg("min", Double.NaN),
        c.doubleArg("max", Double.NaN))));
    m.put("fill", c -> List.of(c.input(0).fill(c.doubleArg("value"))));
    return m;
  }

  private static void unary(Map<String, Function<GoldenCase, List<Tensor>>> m, String op, Function<Tensor, Tensor> f) {
    m.put(op, c -> List.of(f.apply(c.input(0))));
  }

  private static void binary(Map<String, Function<GoldenCase, List<Tensor>>> m, String op,
                             BiFunction<Tensor, Tensor, Tensor> f) {
    m.put(op, c -> List.of(f.apply(c.input(0), c.input(1))));
  }

  private interface ScalarOp {
    Tensor apply(Tensor t, double v);
  }

  private static void scalar(Map<String, Function<GoldenCase, List<Tensor>>> m, String op, ScalarOp f) {
    m.put(op, c -> List.of(f.apply(c.input(0), c.doubleArg("value"))));
  }
}
