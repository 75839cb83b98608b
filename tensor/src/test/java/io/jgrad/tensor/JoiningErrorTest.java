package io.jgrad.tensor;

import static io.jgrad.tensor.IndexingErrorTest.fails;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad inputs to the joining ops: each error names the op and the offending values. */
class JoiningErrorTest {
  @Test
  void catAndStack() {
    fails(() -> Tensor.cat(List.of(), 0), "cat: expected a non-empty list of tensors");
    fails(() -> Tensor.cat(List.of(Tensor.zeros(2, 3), Tensor.zeros(2, 4)), 0), "cat: sizes must match except in dim 0",
        "[2, 3]", "[2, 4]", "position 1");
    fails(() -> Tensor.cat(List.of(Tensor.zeros(2, 3), Tensor.zeros(3)), 0), "cat: tensors must have the same rank");
    fails(() -> Tensor.cat(List.of(Tensor.scalar(1, DType.FLOAT32)), 0), "cat: zero-dimensional tensor at position 0");
    fails(() -> Tensor.cat(List.of(Tensor.zeros(2, 3)), 2), "cat: dim 2 out of range");
    fails(() -> Tensor.stack(List.of(), 0), "stack: expected a non-empty list of tensors");
    fails(() -> Tensor.stack(List.of(Tensor.zeros(2), Tensor.zeros(3)), 0), "stack: expects tensors of equal shape",
        "[2] at position 0", "[3] at position 1");
    fails(() -> Tensor.stack(List.of(Tensor.zeros(2)), 2), "stack: dim 2 out of range");
  }

  @Test
  void splitAndChunk() {
    Tensor x = Tensor.zeros(6, 2);
    fails(() -> x.split(0, 0), "split: splitSize must be positive for dim 0 of size 6, got 0");
    fails(() -> x.split(new int[] {1, 2}, 0), "split: sizes [1, 2] add up to 3, not to the size 6 of dim 0");
    fails(() -> x.split(new int[] {7, -1}, 0), "split: sizes must be non-negative, got [7, -1]");
    fails(() -> x.chunk(0, 0), "chunk: chunks must be positive, got 0");
    fails(() -> Tensor.scalar(1, DType.FLOAT32).chunk(2, 0), "chunk: expects a tensor of rank >= 1");
  }

  @Test
  void pad() {
    Tensor x = Tensor.zeros(1, 2, 3);
    fails(() -> x.pad(new int[] {1}, PadMode.CONSTANT, 0), "pad: padding length must be even, got [1]");
    fails(() -> x.pad(new int[] {1, 1, 1, 1, 1, 1, 1, 1}, PadMode.CONSTANT, 0), "pad: padding", "covers 4 dims", "rank 3");
    fails(() -> x.pad(new int[] {-2, -2}, PadMode.CONSTANT, 0), "pad: padding (-2, -2) at dim 2 of size 3 gives a negative size -1");
    fails(() -> x.pad(new int[] {3, 1}, PadMode.REFLECT, 0), "pad: reflect padding (3, 1) at dim 2", "less than", "input size 3");
    fails(() -> x.pad(new int[] {0, 0, 2, 0}, PadMode.REFLECT, 0), "pad: reflect padding (2, 0) at dim 1");
    fails(() -> x.pad(new int[] {4, 0}, PadMode.CIRCULAR, 0), "pad: circular padding (4, 0) at dim 2", "at most", "input size 3");
    fails(() -> Tensor.zeros(2, 0).pad(new int[] {1, 0}, PadMode.REPLICATE, 0), "pad: replicate padding (1, 0) at dim 1");
  }

  @Test
  void flipRollRepeatTriangle() {
    Tensor x = Tensor.zeros(2, 3);
    fails(() -> x.flip(0, 0), "flip: dim 0 appears more than once");
    fails(() -> x.flip(2), "flip: dim 2 out of range");
    fails(() -> x.roll(new int[] {1, 2}, new int[0]), "roll: with no dims, expects exactly one shift, got [1, 2]");
    fails(() -> x.roll(new int[] {1}, new int[] {0, 1}), "roll: shifts [1] and dims [0, 1] must have the same length");
    fails(() -> x.roll(new int[] {1}, new int[] {3}), "roll: dim 3 out of range");
    fails(() -> x.repeat(2), "repeat: 1 repeats [2] for a tensor of rank 2");
    fails(() -> x.repeat(2, -1), "repeat: negative repeat in [2, -1]");
    fails(() -> Tensor.zeros(3).tril(0), "tril: expects a tensor of rank >= 2, got [3]");
    fails(() -> Tensor.zeros(3).triu(0), "triu: expects a tensor of rank >= 2, got [3]");
  }
}
