package io.jgrad.tensor;

import java.util.Arrays;

/**
 * Dense linear algebra on batches of matrices, like {@code torch.linalg}: every op takes
 * tensors [..., m, n] (any number of leading batch dims), float32 or float64, and computes on
 * the host in float64 (float32 results are rounded; inputs on another device are downloaded and
 * the results uploaded back, logged once). Decompositions are differentiable through the
 * autograd module (derivatives as PyTorch's); see {@code DecompositionDerivatives} there for
 * the cases where a gradient is undefined (repeated singular values or eigenvalues, a loss
 * that depends on the sign of a singular vector).
 *
 * <p>Sign conventions (deterministic, but not LAPACK's: compare gauge-invariant quantities):
 * each eigenvector and each left singular vector has its largest-magnitude entry positive
 * (the right singular vector is flipped with it); qr follows LAPACK's Householder convention.
 * Non-finite inputs to svd and eigh throw {@link ArithmeticException}, as torch raises; a
 * singular matrix makes solve and inv throw and det 0; a non positive-definite matrix makes
 * cholesky throw naming the batch element and the order of the failing leading minor.
 *
 * @see <a href="https://pytorch.org/docs/1.13/linalg.html">torch.linalg</a>
 */
public final class Linalg {
  private Linalg() {}

  /** A = U diag(S) Vh. */
  public record Svd(Tensor U, Tensor S, Tensor Vh) {}

  /** A = V diag(eigenvalues) V^T, eigenvalues ascending, eigenvectors in the columns of V. */
  public record Eigh(Tensor eigenvalues, Tensor eigenvectors) {}

  /** A = Q R (Q is empty [..., m, 0] in mode "r"). */
  public record Qr(Tensor Q, Tensor R) {}

  /** det(A) = sign * exp(logAbsDet). */
  public record SlogDet(Tensor sign, Tensor logAbsDet) {}

  /** Least squares as torch.linalg.lstsq with driver "gelsd". */
  public record Lstsq(Tensor solution, Tensor residuals, Tensor rank, Tensor singularValues) {}

  /**
   * Singular value decomposition A = U diag(S) Vh, S descending, k = min(m, n).
   * Shape: A [..., m, n] -> U [..., m, m or k], S [..., k], Vh [..., n or k, n] (full / reduced).
   * Sign convention: see the class comment. Gradient undefined where singular values repeat
   * (unless the loss is gauge invariant, e.g. depends on S only), and, for m != n, where S has a zero.
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.linalg.svd.html">torch.linalg.svd</a>
   */
  public static Svd svd(Tensor a, boolean fullMatrices) {
    DecompHost.checkMatrix("linalg.svd", a, false);
    int m = a.size(-2), n = a.size(-1), k = Math.min(m, n), ku = fullMatrices ? m : k, kv = fullMatrices ? n : k;
    Tensor p = Op.call("linalgSvd", () -> LinalgKernels.svdPacked(a, fullMatrices), new Tensor[] {a}, fullMatrices);
    int[] batch = batch(a);
    return new Svd(piece(p, 0, m * ku, batch, m, ku), piece(p, m * ku, k, batch, k),
        piece(p, m * ku + k, kv * n, batch, kv, n));
  }

  /** {@code svd(a, true)}, torch's default full_matrices=True. */
  public static Svd svd(Tensor a) { return svd(a, true); }

  /**
   * The singular values only (no vectors accumulated), descending. Shape: [..., m, n] -> [..., min(m, n)].
   * Its gradient U diag(g) Vh is always defined.
   */
  public static Tensor svdvals(Tensor a) {
    DecompHost.checkMatrix("linalg.svdvals", a, false);
    return Op.call("linalgSvdvals", () -> LinalgKernels.svdvals(a), new Tensor[] {a});
  }

  /**
   * Eigendecomposition of symmetric matrices read from the lower ("L", default) or upper ("U")
   * triangle; eigenvalues ascending. Shape: [..., n, n] -> [..., n] and [..., n, n].
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.linalg.eigh.html">torch.linalg.eigh</a>
   */
  public static Eigh eigh(Tensor a, String uplo) {
    DecompHost.checkMatrix("linalg.eigh", a, true);
    boolean upper = upper("linalg.eigh", uplo);
    int n = a.size(-1);
    Tensor p = Op.call("linalgEigh", () -> LinalgKernels.eighPacked(a, upper, true), new Tensor[] {a}, uplo);
    int[] batch = batch(a);
    return new Eigh(piece(p, 0, n, batch, n), piece(p, n, n * n, batch, n, n));
  }

  public static Eigh eigh(Tensor a) { return eigh(a, "L"); }

  /** Eigenvalues of symmetric matrices, ascending (differentiable through eigh). Shape: [..., n, n] -> [..., n]. */
  public static Tensor eigvalsh(Tensor a, String uplo) {
    DecompHost.checkMatrix("linalg.eigvalsh", a, true);
    boolean upper = upper("linalg.eigvalsh", uplo);
    if (!Op.recording(a)) return LinalgKernels.eighPacked(a, upper, false);
    return eigh(a, uplo).eigenvalues();
  }

  /**
   * QR decomposition, mode "reduced" (Q [..., m, k], R [..., k, n]), "complete" (Q [..., m, m],
   * R [..., m, n]) or "r" (R only, Q empty [..., m, 0]; not differentiable, as torch).
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.linalg.qr.html">torch.linalg.qr</a>
   */
  public static Qr qr(Tensor a, String mode) {
    DecompHost.checkMatrix("linalg.qr", a, false);
    if (!mode.equals("reduced") && !mode.equals("complete") && !mode.equals("r")) {
      throw new IllegalArgumentException("linalg.qr: qr received unrecognized mode '" + mode
          + "' but expected one of 'reduced' (default), 'r', or 'complete'");
    }
    boolean complete = mode.equals("complete");
    int m = a.size(-2), n = a.size(-1), qc = complete ? m : Math.min(m, n);
    int[] batch = batch(a);
    if (mode.equals("r")) {
      Tensor p;
      try (GradMode.Scope off = GradMode.disabled()) {
        p = LinalgKernels.qrPacked(a, false);
      }
      return new Qr(Creation.empty(a.dtype(), DecompHost.concat(batch, m, 0), a.device()),
          piece(p, m * qc, qc * n, batch, qc, n));
    }
    Tensor p = Op.call("linalgQr", () -> LinalgKernels.qrPacked(a, complete), new Tensor[] {a}, mode);
    return new Qr(piece(p, 0, m * qc, batch, m, qc), piece(p, m * qc, qc * n, batch, qc, n));
  }

  public static Qr qr(Tensor a) { return qr(a, "reduced"); }

  /**
   * Cholesky factor of symmetric positive-definite matrices (reads the lower triangle; the upper
   * one and returns U = L^T when {@code upper}). Shape: [..., n, n] -> [..., n, n].
   * Throws ArithmeticException naming the batch element and the order of the leading minor that
   * is not positive-definite.
   */
  public static Tensor cholesky(Tensor a, boolean upper) {
    DecompHost.checkMatrix("linalg.cholesky", a, true);
    return Op.call("linalgCholesky", () -> LinalgKernels.cholesky(a, upper), new Tensor[] {a}, upper);
  }

  public static Tensor cholesky(Tensor a) { return cholesky(a, false); }

  /**
   * X = A^-1 B. B is a batch of vectors when it is 1-D or its shape is A's without the last
   * dim (torch's rule), else of matrices [..., n, k]; batch dims broadcast.
   * Shape: A [..., n, n], B [..., n, k] or [..., n] -> X with B's trailing shape.
   */
  public static Tensor solve(Tensor a, Tensor b) {
    DecompHost.checkMatrix("linalg.solve", a, true);
    if (!b.dtype().isFloatingPoint() || b.dtype() != a.dtype()) {
      throw new IllegalArgumentException("linalg.solve: expected A and B to have the same floating point dtype, got "
          + a.dtype().name().toLowerCase() + " and " + b.dtype().name().toLowerCase());
    }
    int n = a.size(-1);
    boolean vector = b.dim() == 1 || (b.dim() == a.dim() - 1 && Arrays.equals(b.shape(), Arrays.copyOf(a.shape(), a.dim() - 1)));
    Tensor bm = vector ? b.unsqueeze(-1) : b;
    if (bm.dim() < 2 || bm.size(-2) != n) {
      throw new IllegalArgumentException("linalg.solve: incompatible shapes of A and B for the equation AX = B: A "
          + Shapes.str(a.shape()) + ", B " + Shapes.str(b.shape()));
    }
    int[] batch = Shapes.broadcast("linalg.solve", batch(a), batch(bm));
    Tensor ae = expandBatch(a, batch), be = expandBatch(bm, batch);
    Tensor x = Op.call("linalgSolve", () -> LinalgKernels.solve(ae, be), new Tensor[] {ae, be});
    return vector ? x.squeeze(-1) : x;
  }

  /** A^-1; throws for an exactly singular matrix (a zero pivot). Shape: [..., n, n]. */
  public static Tensor inv(Tensor a) {
    DecompHost.checkMatrix("linalg.inv", a, true);
    return Op.call("linalgInv", () -> LinalgKernels.inv(a), new Tensor[] {a});
  }

  /** det(A) by LU with partial pivoting; 0 for a singular matrix. Shape: [..., n, n] -> [...]. */
  public static Tensor det(Tensor a) {
    DecompHost.checkMatrix("linalg.det", a, true);
    return Op.call("linalgDet", () -> LinalgKernels.det(a, 0), new Tensor[] {a});
  }

  /**
   * (sign(det A), log|det A|); sign 0 and logAbsDet -inf for a singular matrix, as torch. Only
   * logAbsDet is differentiable (gradient A^-T). Shape: [..., n, n] -> [...] and [...].
   */
  public static SlogDet slogdet(Tensor a) {
    DecompHost.checkMatrix("linalg.slogdet", a, true);
    Tensor sign;
    try (GradMode.Scope off = GradMode.disabled()) {
      sign = LinalgKernels.det(a, 1);
    }
    return new SlogDet(sign, Op.call("linalgLogAbsDet", () -> LinalgKernels.det(a, 2), new Tensor[] {a}));
  }

  /** Cutoff rtol = max(m, n) eps (torch's default when neither atol nor rtol is given). */
  public static Tensor pinv(Tensor a) {
    DecompHost.checkMatrix("linalg.pinv", a, false);
    return pinv(a, 0, Math.max(a.size(-2), a.size(-1)) * DecompHost.eps(a.dtype()), false);
  }

  /**
   * Moore-Penrose pseudo-inverse: singular values (|eigenvalues| when {@code hermitian}) at most
   * max(atol, rtol * largest) are treated as zero. Shape: [..., m, n] -> [..., n, m].
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.linalg.pinv.html">torch.linalg.pinv</a>
   */
  public static Tensor pinv(Tensor a, double atol, double rtol, boolean hermitian) {
    DecompHost.checkMatrix("linalg.pinv", a, hermitian);
    return Op.call("linalgPinv", () -> LinalgKernels.pinv(a, atol, rtol, hermitian), new Tensor[] {a}, atol, rtol, hermitian);
  }

  /**
   * Minimum-norm least squares X = pinv(A) B (torch's driver "gelsd"): rank from the singular
   * values above rcond * s_max (default rcond = max(m, n) eps), residuals |A X - B|^2 per column
   * when m > n and every matrix has full rank (else empty). B is [..., m, k] or (1-D) [m].
   * Shape: A [..., m, n], B [..., m, k] -> solution [..., n, k], residuals [..., k], rank [...] int64,
   * singularValues [..., min(m, n)].
   */
  public static Lstsq lstsq(Tensor a, Tensor b, double rcond) {
    DecompHost.checkMatrix("linalg.lstsq", a, false);
    boolean vector = b.dim() == 1;
    Tensor bm = vector ? b.unsqueeze(-1) : b;
    if (bm.dim() < 2 || bm.size(-2) != a.size(-2) || b.dtype() != a.dtype()) {
      throw new IllegalArgumentException("linalg.lstsq: incompatible A " + Shapes.str(a.shape()) + " " + a.dtype().name().toLowerCase()
          + " and B " + Shapes.str(b.shape()) + " " + b.dtype().name().toLowerCase() + " (B must have A.size(-2) = "
          + a.size(-2) + " rows and A's dtype)");
    }
    Tensor x = pinv(a, 0, rcond, false).matmul(bm);
    Tensor s = svdvals(a).detach();
    int m = a.size(-2), n = a.size(-1);
    Tensor rank = s.gt(s.max(new int[] {-1}, true).mul(rcond)).sum(new int[] {-1}, false);
    boolean full = m > n && rank.eq(n).all().item() != 0;
    Tensor res = full ? a.matmul(x).sub(bm).pow(2).sum(new int[] {-2}, false)
        : Creation.empty(a.dtype(), new int[] {0}, a.device());
    if (vector) {
      x = x.squeeze(-1);
      if (full) res = res.squeeze(-1);
    }
    return new Lstsq(x, res, rank, s);
  }

  public static Lstsq lstsq(Tensor a, Tensor b) {
    return lstsq(a, b, Math.max(a.size(-2), a.size(-1)) * DecompHost.eps(a.dtype()));
  }

  /** Symmetric (positive semi-definite) square root V diag(sqrt(w)) V^T via eigh of the lower triangle. */
  public static Tensor matrixSqrt(Tensor a) {
    DecompHost.checkMatrix("linalg.matrixSqrt", a, true);
    return Op.call("linalgMatrixSqrt", () -> LinalgKernels.matrixSqrt(a), new Tensor[] {a});
  }

  /** exp(A) = sum_k A^k / k! by scaling and squaring with a [13/13] Padé approximant. Shape: [..., n, n]. */
  public static Tensor matrixExp(Tensor a) {
    DecompHost.checkMatrix("linalg.matrix_exp", a, true);
    return Op.call("linalgMatrixExp", () -> LinalgKernels.matrixExp(a), new Tensor[] {a});
  }

  /**
   * Matrix norm, ord "fro" (sqrt(sum a_ij^2)) or "nuc" (sum of singular values).
   * Shape: [..., m, n] -> [...] ([..., 1, 1] with keepDim).
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.linalg.matrix_norm.html">torch.linalg.matrix_norm</a>
   */
  public static Tensor matrixNorm(Tensor a, String ord, boolean keepDim) {
    DecompHost.checkMatrix("linalg.matrix_norm", a, false);
    int[] last2 = {-2, -1};
    return switch (ord) {
      case "fro" -> a.norm(2, last2, keepDim);
      case "nuc" -> keep(svdvals(a).sum(new int[] {-1}, false), keepDim);
      default -> throw new IllegalArgumentException("linalg.matrix_norm: Order " + ord + " not supported (expected 'fro' or 'nuc')");
    };
  }

  public static Tensor matrixNorm(Tensor a, String ord) { return matrixNorm(a, ord, false); }

  /** {@code matrixNorm(a, "fro")}. */
  public static Tensor matrixNorm(Tensor a) { return matrixNorm(a, "fro", false); }

  /**
   * Matrix norm of numeric ord: 2 / -2 (largest / smallest singular value), 1 / -1 (max / min
   * absolute column sum), +inf / -inf (max / min absolute row sum). Ties of the max/min split
   * the gradient as torch's amax/amin. Shape: [..., m, n] -> [...] ([..., 1, 1] with keepDim).
   */
  public static Tensor matrixNorm(Tensor a, double ord, boolean keepDim) {
    DecompHost.checkMatrix("linalg.matrix_norm", a, false);
    int[] last = {-1};
    if (Math.abs(ord) == 2) {
      Tensor s = svdvals(a);
      return keep(ord > 0 ? s.max(last, false) : s.min(last, false), keepDim);
    }
    Tensor sums;
    if (Math.abs(ord) == 1) sums = a.abs().sum(new int[] {-2}, false);
    else if (Double.isInfinite(ord)) sums = a.abs().sum(new int[] {-1}, false);
    else throw new IllegalArgumentException("linalg.matrix_norm: Order " + ord + " not supported (expected 2, -2, 1, -1, inf or -inf)");
    return keep(ord > 0 ? sums.max(last, false) : sums.min(last, false), keepDim);
  }

  public static Tensor matrixNorm(Tensor a, double ord) { return matrixNorm(a, ord, false); }

  private static Tensor keep(Tensor t, boolean keepDim) { return keepDim ? t.unsqueeze(-1).unsqueeze(-1) : t; }

  /**
   * Number of singular values (|eigenvalues| when {@code hermitian}) greater than
   * max(atol, rtol * largest); int64, not differentiable. Shape: [..., m, n] -> [...].
   */
  public static Tensor matrixRank(Tensor a, double atol, double rtol, boolean hermitian) {
    DecompHost.checkMatrix("linalg.matrix_rank", a, hermitian);
    try (GradMode.Scope off = GradMode.disabled()) {
      Tensor s = hermitian ? eigvalsh(a, "L").abs() : svdvals(a);
      Tensor max = s.numel() == 0 ? s.sum(new int[] {-1}, true) : s.max(new int[] {-1}, true);
      Tensor tol = max.mul(rtol).clampMin(atol);
      return s.gt(tol).sum(new int[] {-1}, false).to(DType.INT64);
    }
  }

  /** torch's default tolerance: rtol = max(m, n) eps of the dtype, atol = 0. */
  public static Tensor matrixRank(Tensor a) {
    DecompHost.checkMatrix("linalg.matrix_rank", a, false);
    return matrixRank(a, 0, Math.max(a.size(-2), a.size(-1)) * DecompHost.eps(a.dtype()), false);
  }

  static int[] batch(Tensor a) { return Arrays.copyOf(a.shape(), a.dim() - 2); }

  private static Tensor expandBatch(Tensor t, int[] batch) {
    int[] target = DecompHost.concat(batch, t.size(-2), t.size(-1));
    return Arrays.equals(target, t.shape()) ? t : t.expand(target).contiguous();
  }

  private static boolean upper(String op, String uplo) {
    if (uplo.equals("L")) return false;
    if (uplo.equals("U")) return true;
    throw new IllegalArgumentException(op + ": Expected UPLO argument to be 'L' or 'U', but got " + uplo);
  }

  /** Elements [start, start + len) of each packed row, as [batch..., dims...]. */
  private static Tensor piece(Tensor packed, int start, int len, int[] batch, int... dims) {
    return packed.narrow(-1, start, len).reshape(DecompHost.concat(batch, dims));
  }
}
