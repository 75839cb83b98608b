package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.spi.PoolMode;
import io.jgrad.tensor.spi.Window2d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every argument check of the convolution and pooling ops, with its message. */
class ConvolutionErrorTest {
  static final int[] ONE = {1, 1}, ZERO = {0, 0};

  private static void expect(String fragment, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
  }

  private static Tensor f32(int... shape) { return Tensor.zeros(DType.FLOAT32, shape); }

  private static Tensor conv(Tensor x, Tensor w, Tensor b) { return x.conv2d(w, b, ONE, ZERO, ONE, 1); }

  @Test
  void conv2dShapes() {
    expect("conv2d: expected a 3-D (unbatched) or 4-D (batched) input, got [4, 5]", () -> conv(f32(4, 5), f32(2, 3, 3, 3), null));
    expect("conv2d: expected a 4-D weight [O, C/groups, kH, kW], got [8, 3, 3]", () -> conv(f32(1, 3, 5, 5), f32(8, 3, 3), null));
    expect("conv2d: input has 4 channels but weight [8, 3, 3, 3] expects 3 (groups=1)", () -> conv(f32(1, 4, 5, 5), f32(8, 3, 3, 3), null));
    expect("conv2d: input has 4 channels but weight [8, 3, 3, 3] expects 6 (groups=2)",
        () -> f32(1, 4, 5, 5).conv2d(f32(8, 3, 3, 3), null, ONE, ZERO, ONE, 2));
    expect("conv2d: groups=2 must divide the 3 output channels of weight [3, 2, 3, 3]",
        () -> f32(1, 4, 5, 5).conv2d(f32(3, 2, 3, 3), null, ONE, ZERO, ONE, 2));
    expect("conv2d: groups must be positive, got 0", () -> f32(1, 3, 5, 5).conv2d(f32(2, 3, 3, 3), null, ONE, ZERO, ONE, 0));
    expect("conv2d: weight [0, 3, 3, 3] has no output channels", () -> conv(f32(1, 3, 5, 5), f32(0, 3, 3, 3), null));
    expect("conv2d: weight [2, 3, 0, 3] has an empty kernel", () -> conv(f32(1, 3, 5, 5), f32(2, 3, 0, 3), null));
    expect("conv2d: kernel 3x3 (dilation 1x1) is larger than the padded input 2x2", () -> conv(f32(1, 3, 2, 2), f32(2, 3, 3, 3), null));
    expect("conv2d: kernel 3x3 (dilation 2x2) is larger than the padded input 4x4",
        () -> f32(1, 3, 2, 2).conv2d(f32(2, 3, 3, 3), null, ONE, ONE, new int[] {2, 2}, 1));
    expect("conv2d: bias must be 1-D with 8 elements (one per output channel), got [3]",
        () -> conv(f32(1, 3, 5, 5), f32(8, 3, 3, 3), f32(3)));
  }

  @Test
  void conv2dGeometryAndDtypes() {
    Tensor x = f32(1, 3, 5, 5), w = f32(2, 3, 3, 3);
    expect("conv2d: stride must be positive, got [0, 1]", () -> x.conv2d(w, null, new int[] {0, 1}, ZERO, ONE, 1));
    expect("conv2d: dilation must be positive, got [0]", () -> x.conv2d(w, null, ONE, ZERO, new int[] {0}, 1));
    expect("conv2d: padding must be non-negative, got [-1, -1]", () -> x.conv2d(w, null, ONE, new int[] {-1, -1}, ONE, 1));
    expect("conv2d: stride needs 1 or 2 values, got [1, 1, 1]", () -> x.conv2d(w, null, new int[] {1, 1, 1}, ZERO, ONE, 1));
    expect("conv2d: input is float32 but weight is float64", () -> conv(x, Tensor.zeros(DType.FLOAT64, 2, 3, 3, 3), null));
    expect("conv2d: input is float32 but bias is float64", () -> conv(x, w, Tensor.zeros(DType.FLOAT64, 2)));
    expect("conv2d: not implemented for bool input",
        () -> conv(Tensor.zeros(DType.BOOL, 1, 3, 5, 5), Tensor.zeros(DType.BOOL, 2, 3, 3, 3), null));
  }

  @Test
  void conv1dSpeaksInLengths() {
    expect("conv1d: expected a 2-D (unbatched) or 3-D (batched) input, got [5]", () -> f32(5).conv1d(f32(2, 1, 3), null, 1, 0, 1, 1));
    expect("conv1d: expected a 3-D weight [O, C/groups, k], got [2, 1, 3, 3]", () -> f32(1, 1, 5).conv1d(f32(2, 1, 3, 3), null, 1, 0, 1, 1));
    expect("conv1d: kernel 5 (dilation 1) is larger than the padded input 3", () -> f32(1, 2, 3).conv1d(f32(2, 2, 5), null, 1, 0, 1, 1));
    expect("conv1d: input has 2 channels but weight [2, 3, 3] expects 3 (groups=1)", () -> f32(2, 7).conv1d(f32(2, 3, 3), null, 1, 0, 1, 1));
    expect("conv1d: stride must be positive, got [0]", () -> f32(1, 2, 7).conv1d(f32(2, 2, 3), null, 0, 0, 1, 1));
  }

  @Test
  void convTranspose2dChecks() {
    Tensor x = f32(1, 3, 5, 5);
    expect("convTranspose2d: input has 4 channels but weight [3, 2, 3, 3] expects 3 (groups=1)",
        () -> f32(1, 4, 5, 5).convTranspose2d(f32(3, 2, 3, 3), null, ONE, ZERO, ZERO, 1, ONE));
    expect("convTranspose2d: groups=3 must divide the 4 input channels of weight [4, 2, 3, 3]",
        () -> f32(1, 4, 5, 5).convTranspose2d(f32(4, 2, 3, 3), null, ONE, ZERO, ZERO, 3, ONE));
    expect("convTranspose2d: outputPadding [2, 2] must be smaller than stride [2, 2] or dilation [1, 1]",
        () -> x.convTranspose2d(f32(3, 2, 3, 3), null, new int[] {2, 2}, ZERO, new int[] {2, 2}, 1, ONE));
    expect("convTranspose2d: output size -1x-1 is too small for input 1x1",
        () -> f32(1, 3, 1, 1).convTranspose2d(f32(3, 2, 1, 1), null, ONE, ONE, ZERO, 1, ONE));
    expect("convTranspose2d: bias must be 1-D with 4 elements (one per output channel), got [2]",
        () -> f32(1, 4, 5, 5).convTranspose2d(f32(4, 2, 3, 3), f32(2), ONE, ZERO, ZERO, 2, ONE));
    expect("convTranspose2d: expected a 4-D weight [C, O/groups, kH, kW], got [3, 2]",
        () -> x.convTranspose2d(f32(3, 2), null, ONE, ZERO, ZERO, 1, ONE));
  }

  @Test
  void poolingChecks() {
    int[] two = {2, 2};
    expect("maxPool2d: expected a 3-D or 4-D input with non-empty channel and spatial dims (only the batch may be 0), got [5, 5]",
        () -> f32(5, 5).maxPool2d(two, null, null, null, false));
    expect("got [1, 0, 5, 5]", () -> f32(1, 0, 5, 5).maxPool2d(two, null, null, null, false));
    expect("maxPool1d: expected a 2-D or 3-D input", () -> f32(5).maxPool1d(2, 2, 0, 1, false));
    expect("maxPool2d: not implemented for int64 input", () -> Tensor.zeros(DType.INT64, 1, 4, 4).maxPool2d(two, null, null, null, false));
    expect("avgPool2d: not implemented for int32 input",
        () -> Tensor.zeros(DType.INT32, 1, 4, 4).avgPool2d(two, null, null, false, true));
    expect("adaptiveAvgPool2d: not implemented for int64 input", () -> Tensor.zeros(DType.INT64, 1, 4, 4).adaptiveAvgPool2d(2, 2));
    expect("maxPool2d: padding 2x2 must be at most half of kernel 2x2", () -> f32(1, 9, 9).maxPool2d(two, null, two, null, false));
    expect("avgPool1d: padding 2 must be at most half of kernel 3", () -> f32(1, 9).avgPool1d(3, 1, 2, false, true));
    expect("maxPool2d: output size 0x0 is too small for input 2x2 (kernel 3x3, stride 1x1, padding 0x0, dilation 1x1)",
        () -> f32(1, 2, 2).maxPool2d(new int[] {3, 3}, ONE, null, null, false));
    expect("maxPool2d: kernel must be positive, got [0]", () -> f32(1, 4, 4).maxPool2d(new int[] {0}, null, null, null, false));
    expect("maxPool1d: stride must be positive, got [0]", () -> f32(1, 4).maxPool1d(2, 0, 0, 1, false));
    expect("maxPool2d: dilation must be positive, got [0, 1]", () -> f32(1, 4, 4).maxPool2d(two, null, null, new int[] {0, 1}, false));
    expect("adaptiveAvgPool2d: output size must be non-negative, got -1x2", () -> f32(1, 4, 4).adaptiveAvgPool2d(-1, 2));
    expect("adaptiveAvgPool2d: expected a 3-D or 4-D input", () -> f32(1, 0, 4).adaptiveAvgPool2d(2, 2));
  }

  @Test
  void kernelsCheckTheirViews() {
    Tensor x = f32(1, 2, 5, 5);
    Window2d w = new Window2d(3, 3, 1, 1, 0, 0, 1, 1, false);
    expect("im2col: cols [1, 18, 8] does not match x [1, 2, 5, 5]", () -> x.backend().im2col(x.layout(), w, f32(1, 18, 8).layout()));
    expect("col2im: x is float32 but cols is float64",
        () -> x.backend().col2im(Tensor.zeros(DType.FLOAT64, 1, 18, 9).layout(), w, x.layout()));
    expect("pool2d: out [1, 2, 2, 2] does not match x [1, 2, 5, 5]",
        () -> x.backend().pool2d(PoolMode.AVG, x.layout(), w, f32(1, 2, 2, 2).layout(), null));
  }
}
