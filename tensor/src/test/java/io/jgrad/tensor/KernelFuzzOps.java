package io.jgrad.tensor;

import io.jgrad.tensor.KernelFuzzTest.Case;
import io.jgrad.tensor.KernelFuzzTest.Tol;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/** The op families the kernel fuzzer draws from, each turning random inputs into a {@link Case}. */
final class KernelFuzzOps {
  private KernelFuzzOps() {}

  static final List<String> FAMILIES = List.of("unary", "unary", "unaryInt", "binary", "binary", "binaryInt", "scalar", "compare",
      "logical", "where", "inPlace", "cast", "reduce", "reduce", "argReduce", "scan", "softmax", "matmul", "matmul", "conv",
      "pool", "sort", "gather", "fft", "linalg");

  static final List<ElementwiseDifferentialTest.Op> UNARY = ElementwiseDifferentialTest.unaryOps();
  static final List<ElementwiseDifferentialTest.BinOp> BINARY = ElementwiseDifferentialTest.binaryOps();

  static DType floating(FuzzInputs in) { return in.chance(0.6) ? DType.FLOAT32 : DType.FLOAT64; }

  static DType integral(FuzzInputs in) { return in.chance(0.5) ? DType.INT32 : DType.INT64; }

  static Case pure(String what, Tol tol, double extra, java.util.function.Supplier<Tensor> f) {
    return new Case(what, tol, extra, scalar -> f.get());
  }

  /** Sum of |x| over all elements (a bound on what an accumulation adds), times sqrt of the count. */
  static double magnitude(Tensor x) {
    double m = 0;
    double[] v = x.toDoubleArray();
    for (double d : v) if (Double.isFinite(d)) m += Math.abs(d);
    return m * Math.sqrt(Math.max(1, v.length));
  }

  static Case draw(String family, FuzzInputs in) {
    return switch (family) {
      case "unary" -> {
        var op = UNARY.get(in.nextInt(UNARY.size()));
        Tensor x = in.tensor(in.shape(0, 4), floating(in), op.domain());
        yield pure(op.name(), Tol.ELEMENTWISE, 0, () -> op.f().apply(x));
      }
      case "unaryInt" -> {
        List<String> names = List.of("abs", "neg", "sign", "relu", "clamp", "square");
        String n = names.get(in.nextInt(names.size()));
        Tensor x = in.tensor(in.shape(0, 4), integral(in), "int");
        UnaryOperator<Tensor> f = switch (n) {
          case "abs" -> Tensor::abs;
          case "neg" -> Tensor::neg;
          case "sign" -> Tensor::sign;
          case "relu" -> Tensor::relu;
          case "clamp" -> t -> t.clamp(-7, 11);
          default -> t -> t.mul(t);
        };
        yield pure(n + " int", Tol.EXACT, 0, () -> f.apply(x));
      }
      case "binary", "binaryInt" -> {
        boolean ints = family.equals("binaryInt");
        BinaryOperator<Tensor> f;
        String name;
        String domain = "any";
        if (ints) {
          List<String> names = List.of("add", "sub", "mul", "maximum", "minimum", "remainder");
          name = names.get(in.nextInt(names.size()));
          f = switch (name) {
            case "add" -> Tensor::add;
            case "sub" -> Tensor::sub;
            case "mul" -> Tensor::mul;
            case "maximum" -> Tensor::maximum;
            case "minimum" -> Tensor::minimum;
            default -> Tensor::remainder;
          };
          if (name.equals("remainder")) domain = "nz";
        } else {
          var op = BINARY.get(in.nextInt(BINARY.size()));
          name = op.name();
          f = op.f();
        }
        DType dt = ints ? integral(in) : floating(in);
        int[] s = in.shape(0, 4);
        boolean swap = in.chance(0.5);
        int[] sb = in.chance(0.5) ? s : in.broadcastable(s);
        Tensor a = in.tensor(swap ? sb : s, dt, "any"), b = in.tensor(swap ? s : sb, dt, domain);
        yield pure(name + (ints ? " int" : ""), ints ? Tol.EXACT : Tol.ELEMENTWISE, 0, () -> f.apply(a, b));
      }
      case "scalar" -> {
        DType dt = in.chance(0.7) ? floating(in) : integral(in);
        Tensor x = in.tensor(in.shape(0, 4), dt, "any");
        double v = in.chance(0.5) ? in.nextInt(9) - 4 : in.value("any");
        List<String> names = List.of("add", "sub", "mul", "div", "lt", "eq", "pow2");
        String n = names.get(in.nextInt(names.size()));
        UnaryOperator<Tensor> f = switch (n) {
          case "add" -> t -> t.add(v);
          case "sub" -> t -> t.sub(v);
          case "mul" -> t -> t.mul(v);
          case "div" -> t -> t.div(v == 0 ? 3 : v);
          case "lt" -> t -> t.lt(v);
          case "eq" -> t -> t.eq(v);
          default -> t -> t.pow(2);
        };
        yield pure(n + " scalar " + v, dt.isFloatingPoint() ? Tol.ELEMENTWISE : Tol.EXACT, 0, () -> f.apply(x));
      }
      case "compare" -> {
        DType dt = in.chance(0.6) ? floating(in) : integral(in);
        int[] s = in.shape(0, 4);
        Tensor a = in.tensor(s, dt, "any"), b = in.tensor(in.chance(0.5) ? s : in.broadcastable(s), dt, "any");
        List<BinaryOperator<Tensor>> ops = List.of(Tensor::lt, Tensor::le, Tensor::gt, Tensor::ge, Tensor::eq, Tensor::ne);
        int k = in.nextInt(ops.size());
        yield pure("compare " + List.of("lt", "le", "gt", "ge", "eq", "ne").get(k), Tol.EXACT, 0, () -> ops.get(k).apply(a, b));
      }
      case "logical" -> {
        int[] s = in.shape(0, 4);
        Tensor a = in.tensor(s, DType.BOOL, "any"), b = in.tensor(in.broadcastable(s), DType.BOOL, "any");
        int k = in.nextInt(4);
        yield pure("logical " + k, Tol.EXACT, 0, () -> switch (k) {
          case 0 -> a.logicalAnd(b);
          case 1 -> a.logicalOr(b);
          case 2 -> a.logicalXor(b);
          default -> a.logicalNot();
        });
      }
      case "where" -> {
        DType dt = in.chance(0.7) ? floating(in) : integral(in);
        int[] s = in.shape(0, 4);
        Tensor c = in.tensor(in.broadcastable(s), DType.BOOL, "any"), a = in.tensor(s, dt, "any"),
            b = in.tensor(in.broadcastable(s), dt, "any");
        yield pure("where", Tol.EXACT, 0, () -> Tensor.where(c, a, b));
      }
      case "inPlace" -> {
        DType dt = floating(in);
        int[] s = in.shape(0, 4);
        Tensor x = in.tensor(s, dt, "any"), y = in.tensor(in.broadcastable(s), dt, "any");
        double alpha = in.value("any");
        int k = in.nextInt(4);
        yield pure("in place " + k, Tol.ELEMENTWISE, 0, () -> switch (k) {
          case 0 -> x.copy().addInPlace(y, alpha);
          case 1 -> x.copy().mulInPlace(y);
          case 2 -> x.copy().clampInPlace(-1.5, 2.5);
          default -> x.copy().divInPlace(alpha == 0 ? 2 : alpha);
        });
      }
      case "cast" -> {
        DType[] all = DType.values();
        DType from = all[in.nextInt(all.length)], to = all[in.nextInt(all.length)];
        Tensor x = in.tensor(in.shape(0, 4), from, "any");
        yield pure("cast " + from + " -> " + to, Tol.EXACT, 0, in.chance(0.3) ? x::contiguous : () -> x.to(to));
      }
      case "reduce" -> {
        DType dt = in.chance(0.8) ? floating(in) : integral(in);
        int[] s = in.shape(1, 4);
        Tensor x = in.tensor(s, dt, !dt.isFloatingPoint() ? "int" : in.chance(0.3) ? "pos" : "any");
        int[] dims = in.dims(s.length);
        boolean keep = in.chance(0.5);
        List<String> names = dt.isFloatingPoint() ? List.of("sum", "mean", "max", "min", "prod", "norm2", "norm1", "logSumExp", "var",
            "all", "any", "countNonzero", "sumAll") : List.of("sum", "max", "min", "all", "any", "countNonzero", "sumAll");
        String n = names.get(in.nextInt(names.size()));
        String what = n + " dims " + java.util.Arrays.toString(dims) + " keep " + keep;
        if (n.equals("prod")) {
          Tensor u = in.tensor(s, dt, "unit");
          yield pure(what, Tol.RELATIVE, u.numel(), () -> u.prod(dims, keep));
        }
        double m = switch (n) {
          case "norm2", "var" -> magnitude(x.mul(x));
          case "logSumExp" -> x.numel() * Math.sqrt(x.numel());
          default -> magnitude(x);
        };
        yield pure(what, Tol.ACCUMULATE, m, () -> switch (n) {
          case "sum" -> x.sum(dims, keep);
          case "mean" -> x.mean(dims, keep);
          case "max" -> x.max(dims, keep);
          case "min" -> x.min(dims, keep);
          case "norm2" -> x.norm(2, dims, keep);
          case "norm1" -> x.norm(1, dims, keep);
          case "logSumExp" -> x.logSumExp(dims, keep);
          case "var" -> x.var(dims, 1, keep);
          case "all" -> x.all(dims, keep);
          case "any" -> x.any(dims, keep);
          case "countNonzero" -> x.countNonzero(dims);
          default -> x.sum();
        });
      }
      case "argReduce" -> {
        DType dt = in.chance(0.8) ? floating(in) : integral(in);
        int[] s = in.shape(1, 4);
        if (s[0] == 0) s[0] = 1;
        for (int i = 0; i < s.length; i++) if (s[i] == 0) s[i] = 2;
        Tensor x = in.tensor(s, dt, "any");
        int d = in.nextInt(s.length);
        boolean max = in.chance(0.5), keep = in.chance(0.5);
        yield pure((max ? "argmax" : "argmin") + " dim " + d, Tol.EXACT, 0, () -> max ? x.argmax(d, keep) : x.argmin(d, keep));
      }
      case "scan" -> {
        DType dt = in.chance(0.8) ? floating(in) : integral(in);
        int[] s = in.shape(1, 4);
        Tensor x = in.tensor(s, dt, dt.isFloatingPoint() ? "unit" : "int");
        int d = in.nextInt(s.length);
        boolean prod = in.chance(0.3);
        yield pure((prod ? "cumprod" : "cumsum") + " dim " + d, dt.isFloatingPoint() ? Tol.ACCUMULATE : Tol.EXACT, magnitude(x),
            () -> prod ? x.cumprod(d) : x.cumsum(d));
      }
      case "softmax" -> {
        int[] s = in.shape(1, 4);
        Tensor x = in.tensor(s, floating(in), "any");
        int d = in.nextInt(s.length);
        boolean log = in.chance(0.5);
        yield pure((log ? "logSoftmax" : "softmax") + " dim " + d, Tol.ACCUMULATE, log ? magnitude(x.abs().add(1)) : 1,
            () -> log ? x.logSoftmax(d) : x.softmax(d));
      }
      case "matmul" -> {
        DType dt = floating(in);
        int m = 1 + in.nextInt(33), k = 1 + in.nextInt(33), n = 1 + in.nextInt(33);
        if (in.chance(0.1)) k = 0;
        int batch = in.chance(0.4) ? 1 + in.nextInt(3) : 0;
        int[] sa = batch > 0 ? new int[] {batch, m, k} : new int[] {m, k};
        int[] sb = batch > 0 && in.chance(0.7) ? new int[] {batch, k, n} : new int[] {k, n};
        Tensor a = in.tensor(sa, dt, "unit"), b = in.tensor(sb, dt, "unit");
        yield pure("matmul " + Shapes.str(sa) + " @ " + Shapes.str(sb), Tol.ACCUMULATE, (k + 1) * Math.sqrt(k + 1.0),
            () -> a.matmul(b));
      }
      case "fft" -> {
        // lengths through every radix of the Stockham plan (2, 3, 4, 5, 7, 11, 13) and Bluestein's (17, 34, 97)
        int[] lengths = {8, 12, 16, 20, 24, 28, 30, 32, 44, 48, 52, 60, 64, 96, 100, 120, 128, 17, 34, 97};
        int n = lengths[in.nextInt(lengths.length)];
        DType dt = floating(in);
        int kind = in.nextInt(4);
        int[] shape = switch (in.nextInt(3)) {
          case 0 -> new int[] {n};
          case 1 -> new int[] {1 + in.nextInt(4), n};
          default -> new int[] {1 + in.nextInt(3), 1 + in.nextInt(3), n};
        };
        if (kind == 3) shape = java.util.Arrays.copyOf(shape, shape.length + 1);
        if (kind == 3) shape[shape.length - 1] = 2;
        Tensor x = in.tensor(shape, dt, "unit");
        String norm = List.of("backward", "ortho", "forward").get(in.nextInt(3));
        String what = List.of("fft", "rfft", "ifft", "fftComplex").get(kind) + " n " + n + " norm " + norm;
        yield pure(what, Tol.ACCUMULATE, magnitude(x), () -> switch (kind) {
          case 0 -> Fft.fft(x, -1, -1, norm);
          case 1 -> Fft.rfft(x, -1, -1, norm);
          case 2 -> Fft.ifft(x, -1, -1, norm);
          default -> Fft.fftComplex(x, -1, -1, norm);
        });
      }
      case "linalg" -> {
        // the Jacobi SVD's and the symmetric eigensolver's vector loops (dot, rotations, axpy); values only, as
        // the vectors' signs may legitimately differ between two roundings of a degenerate problem
        DType dt = floating(in);
        int m = 1 + in.nextInt(12), n = 1 + in.nextInt(12);
        boolean svd = in.chance(0.5);
        Tensor a = in.tensor(svd ? new int[] {m, n} : new int[] {n, n}, dt, "unit");
        yield pure((svd ? "svd S " : "eigh eigenvalues ") + Shapes.str(a.shape()), Tol.ACCUMULATE, magnitude(a) * (m + n),
            () -> svd ? Linalg.svd(a, false).S() : Linalg.eigh(a.add(a.transpose(0, 1))).eigenvalues());
      }
      case "conv" -> {
        DType dt = floating(in);
        int n = 1 + in.nextInt(3), c = 1 + in.nextInt(4), o = 1 + in.nextInt(5), h = 3 + in.nextInt(9), w = 3 + in.nextInt(9);
        int kh = 1 + in.nextInt(3), kw = 1 + in.nextInt(3), st = 1 + in.nextInt(2), pad = in.nextInt(2);
        Tensor x = in.tensor(new int[] {n, c, h, w}, dt, "unit"), wt = in.tensor(new int[] {o, c, kh, kw}, dt, "unit");
        Tensor bias = in.chance(0.5) ? in.tensor(new int[] {o}, dt, "unit") : null;
        int terms = c * kh * kw + 1;
        yield pure("conv2d x " + Shapes.str(x.shape()) + " w " + Shapes.str(wt.shape()) + " stride " + st + " pad " + pad, Tol.ACCUMULATE,
            terms * Math.sqrt(terms), () -> x.conv2d(wt, bias, new int[] {st, st}, new int[] {pad, pad}, new int[] {1, 1}, 1));
      }
      case "pool" -> {
        DType dt = floating(in);
        int n = 1 + in.nextInt(3), c = 1 + in.nextInt(4), h = 2 + in.nextInt(10), w = 2 + in.nextInt(10);
        int kk = 1 + in.nextInt(Math.min(3, Math.min(h, w))), st = 1 + in.nextInt(2);
        Tensor x = in.tensor(new int[] {n, c, h, w}, dt, "any");
        boolean max = in.chance(0.6);
        yield pure((max ? "maxPool2d" : "avgPool2d") + " k " + kk + " s " + st, max ? Tol.EXACT : Tol.ACCUMULATE, magnitude(x),
            () -> max ? x.maxPool2d(new int[] {kk, kk}, new int[] {st, st}, new int[] {0, 0}, new int[] {1, 1}, false)
                : x.avgPool2d(new int[] {kk, kk}, new int[] {st, st}, new int[] {0, 0}, false, true));
      }
      case "sort" -> {
        DType dt = in.chance(0.7) ? floating(in) : integral(in);
        int[] s = in.shape(1, 3);
        Tensor x = in.tensor(s, dt, "any");
        int d = in.nextInt(s.length);
        boolean desc = in.chance(0.5), idx = in.chance(0.5);
        yield pure("sort dim " + d + (desc ? " descending" : "") + (idx ? " indices" : ""), Tol.EXACT, 0,
            () -> idx ? x.sort(d, desc).indices() : x.sort(d, desc).values());
      }
      default -> {
        DType dt = in.chance(0.7) ? floating(in) : integral(in);
        int[] s = in.shape(1, 3);
        for (int i = 0; i < s.length; i++) if (s[i] == 0) s[i] = 1;
        Tensor x = in.tensor(s, dt, "any");
        int d = in.nextInt(s.length);
        int[] is = s.clone();
        is[d] = 1 + in.nextInt(5);
        long[] iv = new long[Shapes.numel(is)];
        for (int i = 0; i < iv.length; i++) iv[i] = in.nextInt(s[d]);
        Tensor index = Tensor.fromArray(iv, is);
        yield pure("gather dim " + d, Tol.EXACT, 0, () -> x.gather(d, index));
      }
    };
  }
}
