package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class MatmulSmokeTest {
  @Test
  void small() {
    Tensor a = Tensor.fromArray(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor b = Tensor.fromArray(new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
    assertArrayEquals(new float[] {4, 5, 10, 11}, a.matmul(b).toFloatArray());
    assertArrayEquals(new float[] {14, 32, 32, 77}, a.matmul(a.t()).toFloatArray(), 0);
    Tensor x = Tensor.fromArray(new float[24], 2, 1, 3, 4);
    Tensor y = Tensor.fromArray(new float[5 * 24], 5, 4, 6);
    assertArrayEquals(new int[] {2, 5, 3, 6}, x.matmul(y).shape());
    assertEquals(0, Tensor.of(1f, 2f).matmul(Tensor.of(3f, 4f)).dim());
    assertEquals(11f, Tensor.of(1f, 2f).matmul(Tensor.of(3f, 4f)).toFloatArray()[0]);
  }
}
