package io.jgrad.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Runs without a GPU: layout merging and the allocator's size classes. */
class LayTest {
  /** Offset of row-major element i under a struct, as lay_at in common.cuh computes it. */
  private static long at(int[] lay, long i) {
    long o = lay[1];
    for (int d = lay[0] - 1; d >= 0; d--) {
      int s = lay[2 + d];
      o += (i % s) * lay[2 + Lay.MAX_RANK + d];
      i /= s;
    }
    return o;
  }

  private static long direct(int[] shape, int[] strides, int off, long i) {
    long o = off;
    for (int d = shape.length - 1; d >= 0; d--) {
      o += (i % shape[d]) * strides[d];
      i /= shape[d];
    }
    return o;
  }

  @Test
  void mergedWalksVisitTheSameOffsets() {
    SplittableRandom r = new SplittableRandom(7);
    int cases = 0;
    for (int t = 0; t < 300; t++) {
      int rank = r.nextInt(0, 11);
      int[] shape = new int[rank];
      for (int d = 0; d < rank; d++) shape[d] = rank > 8 ? r.nextInt(1, 3) : r.nextInt(1, 5);
      int[] a = Gen.contiguous(shape), b = Gen.contiguous(shape);
      if (rank > 1 && r.nextBoolean()) { int tmp = b[0]; b[0] = b[rank - 1]; b[rank - 1] = tmp; }
      if (rank > 0 && r.nextBoolean()) a[r.nextInt(rank)] = 0;
      int[][] l = Lay.merged("test", shape, new int[][] {a, b}, new int[] {5, 9});
      assertTrue(l[0][0] <= Lay.MAX_RANK);
      long n = 1;
      for (int s : shape) n *= s;
      for (long i = 0; i < n; i++) {
        assertEquals(direct(shape, a, 5, i), at(l[0], i), "operand a, element " + i);
        assertEquals(direct(shape, b, 9, i), at(l[1], i), "operand b, element " + i);
      }
      cases++;
    }
    assertEquals(300, cases);
  }

  @Test
  void contiguousOfAnyRankIsOneDim() {
    int[] shape = {2, 3, 1, 4, 5, 1, 2, 2, 3, 2};
    int[][] l = Lay.merged("test", shape, new int[][] {Gen.contiguous(shape)}, new int[] {0});
    assertEquals(1, l[0][0]);
    assertEquals(2 * 3 * 4 * 5 * 2 * 2 * 3 * 2, l[0][2]);
    assertTrue(Lay.isDense(l[0]));
  }

  @Test
  void tooManyDimsAfterMergingIsNamed() {
    int[] shape = {2, 2, 2, 2, 2, 2, 2, 2, 2};
    int[] st = {1, 2, 4, 8, 16, 32, 64, 128, 256};  // reversed: nothing merges
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> Lay.merged("gather", shape, new int[][] {st}, new int[] {0}));
    assertTrue(e.getMessage().contains("gather") && e.getMessage().contains("rank 9"), e.getMessage());
  }

  @Test
  void sizeClasses() {
    assertEquals(512, CudaAllocator.sizeClass(1));
    assertEquals(512, CudaAllocator.sizeClass(512));
    assertEquals(1024, CudaAllocator.sizeClass(513));
    assertEquals(1 << 20, CudaAllocator.sizeClass((1 << 20) - 1));
    assertEquals(2 << 20, CudaAllocator.sizeClass((1 << 20) + 1));
    assertEquals(3 << 20, CudaAllocator.sizeClass((2 << 20) + 7));
    long[] sizes = {1, 100, 4096, 70_000, 3_000_000, 1L << 33};
    for (long s : sizes) assertTrue(CudaAllocator.sizeClass(s) >= s && CudaAllocator.sizeClass(s) < 2 * s + 512);
    assertArrayEquals(new int[] {0}, new int[] {Lay.contiguous(0, 0)[2]});
  }
}
