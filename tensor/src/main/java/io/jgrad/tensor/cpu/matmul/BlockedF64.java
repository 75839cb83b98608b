package io.jgrad.tensor.cpu.matmul;

import io.jgrad.tensor.cpu.CpuConfig;
import io.jgrad.tensor.cpu.Parallel;

/**
 * The cache-blocked float64 product (Goto/BLIS loop order): for each NC-column block of B and
 * each KC-deep slice, B is packed once into a buffer shared by all threads (sized for the L2/L3
 * cache), then the rows of A are cut into blocks of about MC rows; each thread packs its A block
 * (it stays in L2) and runs the micro-kernel over it, B micro-panel outer so that panel stays in
 * L1 while the A micro-panels stream past it.
 *
 * <p>Threading: work units are (row block, column part) pairs, handed out by
 * {@link Parallel#forChunks} as threads free up, about four per thread; when A has too few rows
 * for that, the B panels are split into parts as well (each part packs its own copy of the small
 * A block).
 */
final class BlockedF64 {
  static final int MR = KernelF64.MR, NR = KernelF64.NR;
  /** KC*NR elements of B stay in L1, MC*KC of A in L2; chosen from the vector width, see {@link CpuConfig}. */
  static final int KC = CpuConfig.kc();
  static final int MC = CpuConfig.mc();
  static final int NC = CpuConfig.nc();

  /** One per thread, reused by every call on it, so a product allocates nothing (KernelAllocationTest). */
  private static final ThreadLocal<BlockedF64> CONTEXT = ThreadLocal.withInitial(BlockedF64::new);

  private double[] a, b, c;
  private int ao, ars, acs, bo, brs, bcs, co, ldc, m, n, k;
  private int mTiles, mBlocks, nParts;
  private double[] bp;
  private int jc, nc, pc, kc, panels;
  private boolean busy;
  private final Parallel.Range packBody = this::packB, unitBody = this::units;

  private BlockedF64() {}

  private void set(double[] a, int ao, int ars, int acs, double[] b, int bo, int brs, int bcs,
                   double[] c, int co, int ldc, int m, int n, int k, int threads) {
    this.a = a; this.ao = ao; this.ars = ars; this.acs = acs;
    this.b = b; this.bo = bo; this.brs = brs; this.bcs = bcs;
    this.c = c; this.co = co; this.ldc = ldc; this.m = m; this.n = n; this.k = k;
    mTiles = (m + MR - 1) / MR;
    int blocks = (m + MC - 1) / MC;
    if (threads > 1) {
      // several blocks per thread, so a thread that starts late (or is descheduled) leaves its
      // share to the others instead of making them wait; blocks keep >= 32 rows for B reuse
      blocks = Math.max((blocks + threads - 1) / threads * threads, Math.min(4 * threads, m / 32));
    }
    mBlocks = Math.max(1, Math.min(blocks, mTiles));
    nParts = threads > 1 && mBlocks < 2 * threads ? 2 * threads : 1;
    bp = Scratch.packF64(KC * ((Math.min(n, NC) + NR - 1) / NR * NR));
  }

  /** c[co + i*ldc + j] = sum_q a[ao + i*ars + q*acs] * b[bo + q*brs + j*bcs] for i < m, j < n; k > 0. */
  static void gemm(double[] a, int ao, int ars, int acs, double[] b, int bo, int brs, int bcs,
                   double[] c, int co, int ldc, int m, int n, int k, int threads) {
    BlockedF64 g = CONTEXT.get();
    if (g.busy) g = new BlockedF64();
    g.set(a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, m, n, k, threads);
    g.busy = true;
    try {
      g.run(threads);
    } finally {
      g.a = g.b = g.c = g.bp = null;
      g.busy = false;
    }
  }

  private void run(int threads) {
    int ncStep = evenStep(n, NC, NR), kcStep = evenStep(k, KC, 1);
    for (jc = 0; jc < n; jc += ncStep) {
      nc = Math.min(ncStep, n - jc);
      panels = (nc + NR - 1) / NR;
      for (pc = 0; pc < k; pc += kcStep) {
        kc = Math.min(kcStep, k - pc);
        if (threads > 1) Parallel.forChunks(panels, 4 * threads, packBody);
        else packB(0, panels);
        int units = mBlocks * nParts;
        if (threads > 1) Parallel.forChunks(units, units, unitBody);
        else units(0, units);
      }
    }
  }

  /** Splits size into equal steps of at most max (a multiple of align): K=784 runs as 4 x 196, not 3 x 256 + 16. */
  static int evenStep(int size, int max, int align) {
    int parts = (size + max - 1) / max;
    int step = (size + parts - 1) / parts;
    return (step + align - 1) / align * align;
  }

  private void packB(int p0, int p1) {
    int j0 = p0 * NR, j1 = Math.min(nc, p1 * NR);
    PackF64.packB(b, bo + pc * brs + (jc + j0) * bcs, brs, bcs, kc, j1 - j0, bp, p0 * NR * kc);
  }

  private void units(int lo, int hi) {
    for (int u = lo; u < hi; u++) unit(u / nParts, u % nParts);
  }

  /** Row block mb times panel part np: pack the A block, then run the tiles. */
  private void unit(int mb, int np) {
    int t0 = (int) ((long) mTiles * mb / mBlocks), t1 = (int) ((long) mTiles * (mb + 1) / mBlocks);
    int p0 = panels * np / nParts, p1 = panels * (np + 1) / nParts;
    if (t0 >= t1 || p0 >= p1) return;
    if (MR == 4 && p1 - p0 <= 2) {
      unitInPlace(t0, t1, p0, p1);
      return;
    }
    int i0 = t0 * MR, i1 = Math.min(m, t1 * MR);
    double[] ap = Scratch.packAF64((t1 - t0) * MR * kc);
    PackF64.packA(a, ao + i0 * ars + pc * acs, ars, acs, i1 - i0, kc, ap);
    for (int p = p0; p < p1; p++) {
      int j = jc + p * NR, cols = Math.min(NR, jc + nc - j), bOff = p * NR * kc;
      for (int t = t0; t < t1; t++) {
        int i = t * MR, rows = Math.min(MR, m - i), cOff = co + i * ldc + j, aOff = (t - t0) * MR * kc;
        if (pc == 0) zero(cOff, rows, cols);
        if (rows == MR && cols == NR) KernelF64.tile(kc, ap, aOff, bp, bOff, c, cOff, ldc);
        else KernelF64.edge(kc, ap, aOff, bp, bOff, c, cOff, ldc, rows, cols);
      }
    }
  }

  /**
   * A unit with one or two B panels (small N): each A element feeds at most 2*NR FMAs, so packing
   * A would cost about as much as the product; full tiles read A in place, the last partial tile
   * (fewer than MR rows) is packed so that no row past m is read.
   */
  private void unitInPlace(int t0, int t1, int p0, int p1) {
    int full = Math.min(t1, m / MR);
    for (int p = p0; p < p1; p++) {
      int j = jc + p * NR, cols = Math.min(NR, jc + nc - j), bOff = p * NR * kc;
      for (int t = t0; t < full; t++) {
        int i = t * MR, cOff = co + i * ldc + j, aOff = ao + i * ars + pc * acs;
        if (pc == 0) zero(cOff, MR, cols);
        if (cols == NR) KernelF64.tile4Strided(kc, a, aOff, ars, acs, bp, bOff, c, cOff, ldc);
        else KernelF64.edge4Strided(kc, a, aOff, ars, acs, bp, bOff, c, cOff, ldc, cols);
      }
    }
    if (full < t1) {
      int i = full * MR, rows = m - i;
      double[] ap = Scratch.packAF64(MR * kc);
      PackF64.packA(a, ao + i * ars + pc * acs, ars, acs, rows, kc, ap);
      for (int p = p0; p < p1; p++) {
        int j = jc + p * NR, cols = Math.min(NR, jc + nc - j), cOff = co + i * ldc + j;
        if (pc == 0) zero(cOff, rows, cols);
        KernelF64.edge(kc, ap, 0, bp, p * NR * kc, c, cOff, ldc, rows, cols);
      }
    }
  }

  /** The first KC slice starts each C tile from zero (out arrives uninitialised). */
  private void zero(int off, int rows, int cols) {
    for (int r = 0; r < rows; r++) java.util.Arrays.fill(c, off + r * ldc, off + r * ldc + cols, 0.0);
  }
}
