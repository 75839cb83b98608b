package io.jgrad.autograd;

import static io.jgrad.autograd.BackwardTest.assertMessage;
import static io.jgrad.autograd.BackwardTest.assertValues;
import static io.jgrad.autograd.BackwardTest.leaf;
import static io.jgrad.tensor.fake.OnDevice.FAKE;
import static io.jgrad.tensor.fake.OnDevice.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.Device;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Autograd.function: one node, the user's backward, and the errors of a misused one. */
class CustomFunctionTest {
  /** e^x with a backward that reuses the output: the example of the docs. */
  static Tensor exp(Tensor x) {
    return Autograd.function("my_exp", List.of(x), in -> in.get(0).exp(), (ctx, g) -> new Tensor[] {g.mul(ctx.output())});
  }

  /** x * w with the gradients written out; w is often a constant. */
  static Tensor scale(Tensor x, Tensor w, AtomicInteger calls, boolean[] needs) {
    return Autograd.function("scale", Arrays.asList(x, w), (ctx, in) -> {
      needs[0] = ctx.needsGrad(0);
      needs[1] = ctx.needsGrad(1);
      ctx.save(in.get(0), in.get(1));
      return in.get(0).mul(in.get(1));
    }, (ctx, g) -> {
      calls.incrementAndGet();
      Tensor gx = ctx.needsGrad(0) ? g.mul(ctx.saved(1)) : null;
      Tensor gw = ctx.needsGrad(1) ? g.mul(ctx.saved(0)) : null;
      return new Tensor[] {gx, gw};
    });
  }

  @Test
  void customExpIsOneNodeWithTheUsersBackward() {
    Tensor x = leaf(0.5, -1, 2);
    Tensor y = exp(x);
    assertEquals("my_exp", y.gradFn().name());
    assertValues(Tensor.of(0.5, -1, 2).exp().toDoubleArray(), y);
    List<String> ran = new ArrayList<>();
    try (var h = Hooks.addTapeHook((op, g, gs) -> ran.add(op))) {
      y.sum().backward();
    }
    assertEquals(List.of("sum", "my_exp"), ran, "the forward's own ops are not recorded");
    assertValues(y.detach().toDoubleArray(), x.grad());
  }

  @Test
  void secondDerivativeGoesThroughTheCustomNodeAgain() {
    Tensor x = leaf(0.3, 1.1);
    Tensor g = Autograd.grad(exp(x).sum(), List.of(x), true).get(0);
    assertTrue(g.requiresGrad(), "a backward written with Tensor ops is differentiable under createGraph");
    Tensor gg = Autograd.grad(g.sum(), List.of(x), false).get(0);
    assertValues(Tensor.of(0.3, 1.1).exp().toDoubleArray(), gg);
    List<Tensor> hv = Autograd.hvp(in -> exp(in.get(0)).sum(), List.of(Tensor.of(0.3, 1.1)), List.of(Tensor.of(2.0, -1.0)));
    assertValues(new double[] {2 * Math.exp(0.3), -Math.exp(1.1)}, hv.get(0));
  }

  @Test
  void anInputThatNeedsNoGradientGetsNone() {
    Tensor x = leaf(1, 2, 3), w = Tensor.of(2.0, 0.5, -1);
    AtomicInteger calls = new AtomicInteger();
    boolean[] needs = new boolean[2];
    Tensor y = scale(x, w, calls, needs);
    assertTrue(needs[0] && !needs[1], "ctx.needsGrad in forward");
    y.sum().backward();
    assertValues(new double[] {2, 0.5, -1}, x.grad());
    assertNull(w.grad());
    assertEquals(1, calls.get());
  }

  @Test
  void aGradientReturnedForAnInputThatNeedsNoneIsDropped() {
    Tensor x = leaf(1, 2), w = Tensor.of(3.0, 4.0);
    Tensor y = Autograd.function("both", List.of(x, w), in -> in.get(0).mul(in.get(1)),
        (ctx, g) -> new Tensor[] {g.mul(ctx.input(1)), g.mul(ctx.input(0))});
    y.sum().backward();
    assertValues(new double[] {3, 4}, x.grad());
    assertNull(w.grad());
  }

  @Test
  void nullAndIntegerInputsPassThrough() {
    Tensor x = leaf(10, 20, 30);
    Tensor idx = Tensor.of(new long[] {2, 0});
    Tensor y = Autograd.function("take", Arrays.asList(x, idx, null), in -> in.get(0).indexSelect(0, in.get(1)), (ctx, g) -> {
      assertFalse(ctx.needsGrad(1) || ctx.needsGrad(2));
      Tensor gx = Tensor.zerosLike(ctx.input(0)).indexAdd(0, ctx.input(1), g, 1.0);
      return new Tensor[] {gx, null, null};
    });
    assertValues(new double[] {30, 10}, y);
    y.mul(Tensor.of(1.0, 5.0)).sum().backward();
    assertValues(new double[] {5, 0, 1}, x.grad());
  }

  @Test
  void returningAnInputAsIsLeavesTheInputALeaf() {
    Tensor x = leaf(1, 2);
    Tensor y = Autograd.function("pass", List.of(x), in -> in.get(0), (ctx, g) -> new Tensor[] {g.mul(3.0)});
    assertTrue(x.isLeaf(), "the input keeps being a leaf");
    assertEquals("pass", y.gradFn().name());
    y.sum().backward();
    assertValues(new double[] {3, 3}, x.grad());
  }

  @Test
  void withoutRecordingTheForwardJustRuns() {
    Tensor x = leaf(1, 2);
    AtomicInteger calls = new AtomicInteger();
    Tensor y;
    try (var off = Grad.disabled()) {
      y = scale(x, Tensor.of(2.0, 2.0), calls, new boolean[2]);
    }
    assertFalse(y.requiresGrad());
    Tensor z = scale(Tensor.of(1.0), Tensor.of(2.0), calls, new boolean[2]);
    assertFalse(z.requiresGrad());
    assertNull(z.gradFn());
  }

  @Test
  void valuesPutInForwardAreReadInBackward() {
    Tensor x = leaf(1, 2, 3, 4);
    Tensor y = Autograd.function("flat", List.of(x.reshape(2, 2)), (ctx, in) -> {
      ctx.put("shape", in.get(0).shape());
      return in.get(0).reshape(4).copy();
    }, (ctx, g) -> new Tensor[] {g.reshape(ctx.get("shape", int[].class))});
    y.mul(Tensor.of(1.0, 2, 3, 4)).sum().backward();
    assertValues(new double[] {1, 2, 3, 4}, x.grad());
  }

  @Test
  void tensorHooksAndRetainGradWorkOnTheOutput() {
    Tensor x = leaf(1, 2);
    Tensor y = exp(x);
    y.retainGrad();
    Hooks.register(y, g -> g.mul(2.0));
    y.sum().backward();
    assertValues(new double[] {2, 2}, y.grad());
    assertValues(new double[] {2 * Math.E, 2 * Math.exp(2)}, x.grad());
  }

  @Test
  void runsOnTheFakeDeviceAsOnTheCpu() {
    Tensor base = Tensor.randn(new Generator(3), 3, 4);
    List<Tensor> r = new ArrayList<>();
    for (Device d : List.of(Device.CPU, FAKE)) {
      Tensor x = base.to(d).requiresGrad(true);
      Tensor y = exp(x).mul(x);
      Tensor g = Autograd.grad(y.sum(), List.of(x), true).get(0);
      Tensor gg = Autograd.grad(g.sum(), List.of(x), false).get(0);
      assertEquals(d, g.device());
      r.addAll(List.of(y, g, gg));
    }
    for (int i = 0; i < 3; i++) assertMatches("custom exp on fake, output " + i, r.get(i), r.get(i + 3), FAKE, 1e-6);
  }

  // ---- misuse ----------------------------------------------------------------------------------

  @Test
  void wrongNumberOfGradientsNamesTheFunction() {
    Tensor a = leaf(1, 2), b = leaf(3, 4);
    Tensor y = Autograd.function("pair", List.of(a, b), in -> in.get(0).add(in.get(1)), (ctx, g) -> new Tensor[] {g});
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
    assertMessage(e, "custom function 'pair'", "returned 1 gradient for 2 inputs");
    Tensor z = Autograd.function("nul", List.of(a), in -> in.get(0).neg(), (ctx, g) -> null);
    e = assertThrows(IllegalStateException.class, () -> z.sum().backward());
    assertMessage(e, "custom function 'nul'", "returned null", "1 in all");
  }

  @Test
  void wrongGradientShapeNamesTheInputAndBothShapes() {
    Tensor a = leaf(1, 2), b = Tensor.of(1.0, 2, 3, 4, 5, 6).reshape(2, 3).requiresGrad(true);
    Tensor y = Autograd.function("outer", List.of(a, b), in -> in.get(0).unsqueeze(1).mul(in.get(1)),
        (ctx, g) -> new Tensor[] {g.sum(1), g.sum(0)});
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
    assertMessage(e, "custom function 'outer'", "gradient of shape [3]", "input 1 of shape [2, 3]");
  }

  @Test
  void forwardMisuse() {
    Tensor x = leaf(1);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Autograd.function("none", List.of(x), in -> null, (ctx, g) -> new Tensor[] {g}));
    assertMessage(e, "custom function 'none'", "forward returned null");
    e = assertThrows(IllegalStateException.class, () -> Autograd.function("early", List.of(x), (ctx, in) -> {
      ctx.output();
      return in.get(0);
    }, (ctx, g) -> new Tensor[] {g}));
    assertMessage(e, "'early'", "output() is available in the backward only");
    IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
        () -> Autograd.function(" ", List.of(x), in -> in.get(0), (ctx, g) -> new Tensor[] {g}));
    assertMessage(a, "name is null or blank");
    a = assertThrows(IllegalArgumentException.class, () -> Autograd.function("nob", List.of(x), in -> in.get(0), null));
    assertMessage(a, "'nob'", "must not be null");
  }

  @Test
  void backwardMisuse() {
    Tensor x = leaf(1, 2);
    Tensor y = Autograd.function("late", List.of(x), in -> in.get(0).mul(2.0), (ctx, g) -> {
      ctx.save(g);
      return new Tensor[] {g};
    });
    assertMessage(assertThrows(IllegalStateException.class, () -> y.sum().backward()), "'late'", "save is for the forward");
    Tensor z = Autograd.function("key", List.of(x), in -> in.get(0).mul(2.0), (ctx, g) -> new Tensor[] {g.mul(ctx.get("k", Double.class))});
    assertMessage(assertThrows(IllegalArgumentException.class, () -> z.sum().backward()), "'key'", "no value 'k'");
  }

  @Test
  void aSavedTensorModifiedInPlaceIsCaught() {
    Tensor x = leaf(1, 2);
    Tensor s = Tensor.of(5.0, 6.0);
    Tensor y = Autograd.function("keeps", List.of(x), (ctx, in) -> {
      ctx.save(s);
      return in.get(0).mul(s);
    }, (ctx, g) -> new Tensor[] {g.mul(ctx.saved(0))});
    s.addInPlace(1.0);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
    assertMessage(e, "custom function 'keeps'", "saved tensor 0 [2] was modified in place");
  }

  @Test
  void secondBackwardNeedsRetainGraph() {
    Tensor x = leaf(1, 2);
    Tensor y = exp(x), ones = Tensor.of(1.0, 1.0);
    y.backward(ones, true, false);
    y.backward(ones, false, false);
    assertValues(new double[] {2 * Math.E, 2 * Math.exp(2)}, x.grad());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.backward(ones));
    assertMessage(e, "second time", "my_exp");
  }

  @Test
  void savedTensorsAreFreedAfterBackwardUnlessTheGraphIsRetained() {
    FunctionCtx[] held = new FunctionCtx[1];
    Tensor x = leaf(1, 2), ones = Tensor.of(1.0, 1.0);
    Tensor y = Autograd.function("keep", List.of(x), (ctx, in) -> {
      held[0] = ctx;
      ctx.save(in.get(0));
      return in.get(0).mul(2.0);
    }, (ctx, g) -> new Tensor[] {g.mul(2.0)});
    assertEquals(1, held[0].savedCount());
    y.backward(ones, true, false);
    assertEquals(1, held[0].savedCount(), "retained");
    y.backward(ones);
    assertEquals(0, held[0].savedCount(), "freed with the graph");
    assertMessage(assertThrows(IllegalStateException.class, () -> held[0].input(0)), "'keep'", "outside the forward and backward");
  }

  @Test
  void theSameInputTwiceAccumulates() {
    Tensor x = leaf(3);
    Tensor y = Autograd.function("sq", List.of(x, x), in -> in.get(0).mul(in.get(1)),
        (ctx, g) -> new Tensor[] {g.mul(ctx.input(1)), g.mul(ctx.input(0))});
    y.sum().backward();
    assertValues(new double[] {6}, x.grad());
  }
}
