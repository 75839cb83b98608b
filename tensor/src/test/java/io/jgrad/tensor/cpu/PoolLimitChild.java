package io.jgrad.tensor.cpu;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by {@link PoolLimitTest} in a child JVM with a small heap (-Xmx96m) and a 32 MiB pool:
 * fills the pool to its limit, then asks for more memory than the heap has left while the pool
 * holds it, then for more than the whole heap. Prints one line per step for the parent to check.
 */
public final class PoolLimitChild {
  public static void main(String[] args) {
    long limit = CpuMemory.poolLimit();
    List<Tensor> ts = new ArrayList<>();
    for (int i = 0; i < 60; i++) ts.add(Tensor.empty(DType.FLOAT32, 1 << 18)); // 1 MiB each
    for (Tensor t : ts) t.close();
    ts.clear(); // closed tensors still reference their arrays; the pool's are the only ones left
    System.out.println("pooled=" + CpuMemory.pooledBytes() + " limit=" + limit);
    // 48 MiB more: the heap can hold it only once the pool lets go of its 32 MiB.
    try (Tensor big = Tensor.zeros(DType.FLOAT32, 12 << 20)) {
      big.fill(2.0);
      System.out.println("big allocation ok, pooled after=" + CpuMemory.pooledBytes());
    } catch (CpuOutOfMemoryException e) {
      System.out.println("big allocation failed: " + e.getMessage());
    }
    try (Tensor huge = Tensor.zeros(DType.FLOAT32, 50 << 20)) {
      System.out.println("huge allocation unexpectedly ok " + huge.numel());
    } catch (CpuOutOfMemoryException e) {
      System.out.println("huge refused bytes=" + e.bytes() + ": " + e.getMessage());
    }
    try (Tensor a = Tensor.ones(300, 300); Tensor p = a.matmul(a)) {
      System.out.println("still works: " + p.get(1, 2));
    }
  }
}
