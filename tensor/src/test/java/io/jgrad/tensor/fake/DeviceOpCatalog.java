package io.jgrad.tensor.fake;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Linalg;
import io.jgrad.tensor.PadMode;
import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A catalogue of ops over every family, as functions of named seeded inputs, for tests that
 * run the same computation on two devices (the tensor module's forward check, the autograd
 * module's first and second derivatives).
 */
public final class DeviceOpCatalog {
  private DeviceOpCatalog() {}

  /** Inputs: x [3, 5] float32, y [5] float32, m [3, 5] bool, i [3, 2] int64 in [0, 5), img [2, 3, 6, 6], w [4, 3, 3, 3]. */
  public static Map<String, Tensor> inputs() {
    Generator g = new Generator(7);
    Map<String, Tensor> in = new LinkedHashMap<>();
    in.put("x", Tensor.randn(g, 3, 5));
    in.put("y", Tensor.randn(g, 5));
    in.put("m", Tensor.rand(g, 3, 5).gt(0.5));
    in.put("i", Tensor.randint(g, 0, 5, 3, 2));
    in.put("img", Tensor.randn(g, 2, 3, 6, 6));
    in.put("w", Tensor.randn(g, 4, 3, 3, 3));
    in.put("b", Tensor.randn(g, 4));
    in.put("sq", Tensor.randn(g, 2, 4, 4));
    in.put("d64", Tensor.randn(g, DType.FLOAT64, 4, 3));
    return in;
  }

  public static Map<String, Function<Map<String, Tensor>, Tensor>> ops() {
    Map<String, Function<Map<String, Tensor>, Tensor>> o = new LinkedHashMap<>();
    for (String u : List.of("neg", "abs", "exp", "log1p", "sqrt", "tanh", "sigmoid", "logSigmoid", "relu", "gelu", "silu",
        "erf", "floor", "round", "sin", "softplus")) {
      o.put(u, t -> unary(u, t.get("x").abs().add(0.1)));
    }
    o.put("clamp", t -> t.get("x").clamp(-0.5, 0.5));
    o.put("pow", t -> t.get("x").abs().pow(1.5));
    o.put("powTensor", t -> t.get("x").abs().pow(t.get("y").abs()));
    o.put("leakyRelu", t -> t.get("x").leakyRelu(0.1));
    o.put("elu", t -> t.get("x").elu(1.0));
    o.put("nanToNum", t -> t.get("x").log().nanToNum());
    o.put("isnan", t -> t.get("x").log().isnan());
    o.put("add", t -> t.get("x").add(t.get("y")));
    o.put("addAlpha", t -> t.get("x").add(t.get("y"), 2.5));
    o.put("addScalar", t -> t.get("x").add(3));
    o.put("sub", t -> t.get("x").sub(t.get("y")));
    o.put("mul", t -> t.get("x").mul(t.get("y")));
    o.put("div", t -> t.get("x").div(t.get("y")));
    o.put("divInt", t -> t.get("i").div(2));
    o.put("remainder", t -> t.get("x").remainder(0.7));
    o.put("atan2", t -> t.get("x").atan2(t.get("y")));
    o.put("maximum", t -> t.get("x").maximum(t.get("y")));
    o.put("lt", t -> t.get("x").lt(t.get("y")));
    o.put("eqScalar", t -> t.get("i").eq(2));
    o.put("logicalXor", t -> t.get("m").logicalXor(t.get("x").gt(0)));
    o.put("where", t -> Tensor.where(t.get("m"), t.get("x"), t.get("y")));
    o.put("whereScalar", t -> Tensor.where(t.get("m"), t.get("x"), 0.5));
    o.put("addInPlace", t -> t.get("x").copy().addInPlace(t.get("y"), 0.5));
    o.put("mulInPlace", t -> t.get("x").copy().mulInPlace(3));
    o.put("clampInPlace", t -> t.get("x").copy().clampInPlace(-0.1, 0.1));
    o.put("copyFrom", t -> t.get("x").copy().copyFrom(t.get("y")));
    o.put("maskedFillInPlace", t -> t.get("x").copy().maskedFillInPlace(t.get("m"), 9));
    o.put("toDtype", t -> t.get("x").mul(10).to(DType.INT32));
    o.put("sum", t -> t.get("x").sum());
    o.put("sumDim", t -> t.get("x").sum(new int[] {1}, true));
    o.put("sumInt", t -> t.get("i").sum());
    o.put("mean", t -> t.get("x").mean(0));
    o.put("prod", t -> t.get("x").prod(new int[] {1}, false));
    o.put("max", t -> t.get("x").max(new int[] {0}, false));
    o.put("maxValues", t -> t.get("x").maxWithIndices(1, false).values());
    o.put("maxIndices", t -> t.get("x").maxWithIndices(1, false).indices());
    o.put("argmax", t -> t.get("x").argmax());
    o.put("argminDim", t -> t.get("x").argmin(1, true));
    o.put("var", t -> t.get("x").var(new int[] {1}, 1, false));
    o.put("std", t -> t.get("x").std());
    o.put("norm", t -> t.get("x").norm(1, new int[] {1}, false));
    o.put("logSumExp", t -> t.get("x").logSumExp(new int[] {1}, false));
    o.put("all", t -> t.get("m").all());
    o.put("any", t -> t.get("m").any(new int[] {1}, false));
    o.put("countNonzero", t -> t.get("m").countNonzero(1));
    o.put("cumsum", t -> t.get("x").cumsum(1));
    o.put("cumprod", t -> t.get("x").cumprod(0));
    o.put("softmax", t -> t.get("x").softmax(1));
    o.put("logSoftmax", t -> t.get("x").logSoftmax(0));
    o.put("gather", t -> t.get("x").gather(1, t.get("i")));
    o.put("scatter", t -> t.get("x").scatter(1, t.get("i"), t.get("x").narrow(1, 0, 2)));
    o.put("scatterValue", t -> t.get("x").scatter(1, t.get("i"), 7.0));
    o.put("scatterAdd", t -> t.get("x").scatterAdd(1, t.get("i"), t.get("x").narrow(1, 0, 2)));
    o.put("indexSelect", t -> t.get("x").indexSelect(1, t.get("i").flatten()));
    o.put("indexAdd", t -> t.get("x").indexAdd(0, t.get("i").narrow(1, 0, 1).flatten().remainder(3), t.get("x"), 2));
    o.put("maskedFill", t -> t.get("x").maskedFill(t.get("m"), -1));
    o.put("maskedSelect", t -> t.get("x").maskedSelect(t.get("m")));
    o.put("take", t -> t.get("x").take(t.get("i")));
    o.put("takeNegative", t -> t.get("x").take(t.get("i").neg()));
    o.put("nonzero", t -> t.get("m").nonzero());
    o.put("oneHot", t -> t.get("i").oneHot(6));
    o.put("sortValues", t -> t.get("x").sort(1, true).values());
    o.put("sortIndices", t -> t.get("x").sort(1, false).indices());
    o.put("argsort", t -> t.get("x").argsort(0, false));
    o.put("topk", t -> t.get("x").topk(2, 1, true, true).values());
    o.put("kthvalue", t -> t.get("x").kthvalue(2, 1, false).values());
    o.put("median", t -> t.get("x").median());
    o.put("cat", t -> Tensor.cat(List.of(t.get("x"), t.get("x").mul(2)), 0));
    o.put("stack", t -> Tensor.stack(List.of(t.get("y"), t.get("y").exp()), 1));
    o.put("split", t -> t.get("x").split(2, 1).get(2));
    o.put("chunk", t -> t.get("x").chunk(2, 0).get(1));
    o.put("padConstant", t -> t.get("x").pad(new int[] {1, 2}, PadMode.CONSTANT, 3));
    o.put("padReflect", t -> t.get("img").pad(new int[] {1, 1, 2, 2}, PadMode.REFLECT, 0));
    o.put("flip", t -> t.get("x").flip(0, 1));
    o.put("roll", t -> t.get("x").roll(new int[] {2}, new int[] {1}));
    o.put("repeat", t -> t.get("y").repeat(2, 3));
    o.put("tril", t -> t.get("x").tril(1));
    o.put("contiguous", t -> t.get("x").t().contiguous());
    o.put("unfold", t -> t.get("y").unfold(0, 2, 1));
    o.put("matmul", t -> t.get("x").matmul(t.get("x").t()));
    o.put("matmulVec", t -> t.get("x").matmul(t.get("y")));
    o.put("bmm", t -> t.get("sq").bmm(t.get("sq")));
    o.put("outer", t -> t.get("y").outer(t.get("y")));
    o.put("dot", t -> t.get("y").dot(t.get("y")));
    o.put("einsum", t -> Tensor.einsum("ij,j->i", t.get("x"), t.get("y")));
    o.put("einsumTrace", t -> Tensor.einsum("bii->b", t.get("sq")));
    o.put("cdist", t -> Tensor.cdist(t.get("x"), t.get("x").flip(0), 2));
    o.put("cdistEmpty", t -> Tensor.cdist(t.get("x").narrow(1, 0, 0), t.get("x").narrow(1, 0, 0), 2));
    o.put("conv2d", t -> t.get("img").conv2d(t.get("w"), t.get("b"), new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1));
    o.put("conv1d", t -> t.get("img").select(3, 0).conv1d(t.get("w").select(3, 0), null, 1, 0, 1, 1));
    o.put("convTranspose2d", t -> t.get("img").convTranspose2d(t.get("w").transpose(0, 1).contiguous(), null,
        new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, 1, new int[] {1, 1}));
    o.put("maxPool2d", t -> t.get("img").maxPool2d(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, new int[] {1, 1}, false));
    o.put("maxPool2dIdx", t -> t.get("img").maxPool2dWithIndices(new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1},
        new int[] {1, 1}, true).indices());
    o.put("avgPool2d", t -> t.get("img").avgPool2d(new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}, false, false));
    o.put("maxPool1d", t -> t.get("img").select(3, 0).maxPool1d(2, 2, 0, 1, false));
    o.put("avgPool1d", t -> t.get("img").select(3, 0).avgPool1d(3, 1, 1, false, true));
    o.put("adaptiveAvgPool2d", t -> t.get("img").adaptiveAvgPool2d(4, 3));
    o.put("float64", t -> t.get("d64").matmul(t.get("d64").t()).exp().sum(new int[] {0}, false));
    o.put("zerosLike", t -> Tensor.zerosLike(t.get("x")).add(t.get("x")));
    o.put("fullLike", t -> Tensor.fullLike(t.get("i"), 4).mul(t.get("i")));
    o.put("bernoulli", t -> Tensor.bernoulli(new Generator(3), t.get("x").sigmoid()));
    o.put("multinomial", t -> Tensor.multinomial(new Generator(3), t.get("x").exp(), 2, false));
    o.put("unfold2d", t -> t.get("img").unfold2d(new int[] {3, 2}, new int[] {1, 2}, new int[] {1, 0}, new int[] {2, 1}));
    o.put("fold2d", t -> t.get("img").reshape(2, 12, 9).fold2d(new int[] {4, 4}, new int[] {2, 2}, null, null, null));
    // Linalg runs on the host and uploads its results to the input's device.
    o.put("linalgSvdRecon", t -> {
      Linalg.Svd r = Linalg.svd(t.get("sq"), false);
      return r.U().mul(r.S().unsqueeze(-2)).matmul(r.Vh());
    });
    o.put("linalgEighSpd", t -> Linalg.eigh(spd(t.get("sq"))).eigenvalues());
    o.put("linalgQrRecon", t -> {
      Linalg.Qr r = Linalg.qr(t.get("sq"));
      return r.Q().matmul(r.R());
    });
    o.put("linalgCholesky", t -> Linalg.cholesky(spd(t.get("sq"))));
    o.put("linalgSolve", t -> Linalg.solve(spd(t.get("sq")), t.get("sq")));
    o.put("linalgInv", t -> Linalg.inv(spd(t.get("sq"))));
    o.put("linalgDet", t -> Linalg.det(t.get("sq")));
    o.put("linalgLogAbsDet", t -> Linalg.slogdet(t.get("sq")).logAbsDet());
    o.put("linalgPinv", t -> Linalg.pinv(t.get("x")));
    o.put("linalgMatrixExp", t -> Linalg.matrixExp(t.get("sq").mul(0.3)));
    o.put("linalgMatrixNormNuc", t -> Linalg.matrixNorm(t.get("sq"), "nuc"));
    return o;
  }

  /** a a^T + n I: symmetric positive definite. */
  private static Tensor spd(Tensor a) {
    int n = a.size(-1);
    return a.matmul(a.transpose(-2, -1)).add(Tensor.eye(n).mul(n).to(a.device()));
  }

  private static Tensor unary(String name, Tensor x) {
    try {
      return (Tensor) Tensor.class.getMethod(name).invoke(x);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(name, e);
    }
  }

}
