package io.jgrad.tensor.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector width and matmul shapes every CPU kernel uses, fixed once at start-up from the
 * CPU's preferred vector size ({@code FloatVector.SPECIES_PREFERRED}: 512 bits on AVX-512,
 * 256 on AVX2) and two system properties, for experiments and for tests that exercise the
 * other machines' code paths:
 * <ul>
 *   <li>{@code -Djgrad.cpu.maxVectorBits=N} (128, 256 or 512): caps the vector width. A cap
 *       above the CPU's width has no effect, since wider vectors than the hardware's run the
 *       Vector API's allocating Java fallback; {@link #describe()} reports the request. On x86,
 *       128 is for experiments only: C2 there does not compile float64 masks of 2 lanes
 *       (compare, blend), so the float64 kernels that use them fall back and allocate.
 *   <li>{@code -Djgrad.cpu.tile=R} (4 or 12): the rows of the matmul register tile. The tile
 *       is R rows by two vectors of columns, R*2 accumulators: 12 (24 accumulators) needs the
 *       32 vector registers of AVX-512, and is the default at 512 bits; 4 (8 accumulators) is
 *       the default below, where 16 registers make C2 spill larger tiles.
 * </ul>
 * Cache blocking (see {@code cpu.matmul.BlockedF32}) follows the tile: slices {@link #kc()}
 * deep, {@link #mc()} rows of packed A per block (kept in L2 while the B micro-panels stream
 * through L1), {@link #nc()} columns of packed B. {@code -Djgrad.gemm.kc/mc/nc} override them.
 */
public final class CpuConfig {
  private CpuConfig() {}

  /** The CPU's preferred width in bits, before any cap. */
  public static final int PREFERRED_BITS = FloatVector.SPECIES_PREFERRED.vectorBitSize();
  /** Requested cap, or 0 when {@code jgrad.cpu.maxVectorBits} is unset. */
  private static final int REQUESTED_BITS = requestedBits();
  /** The width every kernel uses. */
  public static final int VECTOR_BITS = REQUESTED_BITS == 0 ? PREFERRED_BITS : Math.min(REQUESTED_BITS, PREFERRED_BITS);
  /** Float32 species of every kernel. */
  public static final VectorSpecies<Float> FLOAT = FloatVector.SPECIES_PREFERRED.vectorBitSize() == VECTOR_BITS
      ? FloatVector.SPECIES_PREFERRED : FloatVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(VECTOR_BITS));
  /** Float64 species of every kernel. */
  public static final VectorSpecies<Double> DOUBLE = DoubleVector.SPECIES_PREFERRED.vectorBitSize() == VECTOR_BITS
      ? DoubleVector.SPECIES_PREFERRED : DoubleVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(VECTOR_BITS));
  /** Rows of the matmul register tile (float32 and float64). */
  public static final int TILE_ROWS = tileRows();

  /**
   * Depth of a packed slice (256). On a Zen 4, KC from 128 to 256 and MC from 96 to 384 gave the
   * same uncontended speed at n = 1024 within 5% (docs/bench/cpu-avx512-2026-12-07.md); these are
   * the values the 12-row tile was tuned with on an AVX-512 Xeon.
   */
  public static int kc() { return Integer.getInteger("jgrad.gemm.kc", 256); }

  /** Rows of A packed per block: 96 for the 12-row tile (96 KB of A at KC 256), 128 for the 4-row one. */
  public static int mc() { return Integer.getInteger("jgrad.gemm.mc", TILE_ROWS == 12 ? 96 : 128); }

  /** Columns of B packed per block. */
  public static int nc() { return Integer.getInteger("jgrad.gemm.nc", 1024); }

  /** One line for logs and benchmark records, e.g. "float32 512-bit vectors (16 lanes), matmul tile 12x32, KC 128 MC 384 NC 1024". */
  public static String describe() {
    String cap = REQUESTED_BITS == 0 ? "" : REQUESTED_BITS > PREFERRED_BITS
        ? " (jgrad.cpu.maxVectorBits=" + REQUESTED_BITS + " exceeds the CPU's " + PREFERRED_BITS + ")"
        : " (capped by jgrad.cpu.maxVectorBits; the CPU prefers " + PREFERRED_BITS + ")";
    return "float32 " + VECTOR_BITS + "-bit vectors (" + FLOAT.length() + " lanes)" + cap + ", matmul tile "
        + TILE_ROWS + "x" + 2 * FLOAT.length() + ", KC " + kc() + " MC " + mc() + " NC " + nc();
  }

  private static int requestedBits() {
    String s = System.getProperty("jgrad.cpu.maxVectorBits");
    if (s == null || s.isBlank()) return 0;
    int bits;
    try {
      bits = Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("jgrad.cpu.maxVectorBits must be 128, 256 or 512, got " + s);
    }
    if (bits != 128 && bits != 256 && bits != 512) {
      throw new IllegalArgumentException("jgrad.cpu.maxVectorBits must be 128, 256 or 512, got " + s);
    }
    return bits;
  }

  private static int tileRows() {
    String s = System.getProperty("jgrad.cpu.tile", "auto").trim();
    return switch (s) {
      case "auto", "" -> VECTOR_BITS >= 512 ? 12 : 4;
      case "4", "12" -> Integer.parseInt(s);
      default -> throw new IllegalArgumentException("jgrad.cpu.tile must be 4, 12 or auto, got " + s);
    };
  }
}
