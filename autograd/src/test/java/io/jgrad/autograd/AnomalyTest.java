package io.jgrad.autograd;

import static io.jgrad.autograd.BackwardTest.assertMessage;
import static io.jgrad.autograd.BackwardTest.leaf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Anomaly mode: the first non-finite forward or backward value names its op and where it was created. */
class AnomalyTest {
  @Test
  void forwardNaNNamesTheOpAndItsCaller() {
    Tensor x = leaf(-1, 1);
    try (var a = Anomaly.detect()) {
      Tensor y = x.mul(2.0);
      var e = assertThrows(Anomaly.AnomalyException.class, y::log);
      assertMessage(e, "forward of log", "NaN or Inf", "AnomalyTest.forwardNaNNamesTheOpAndItsCaller");
    }
    assertFalse(Anomaly.isEnabled(), "the scope restores the previous setting");
  }

  @Test
  void backwardInfNamesTheOpAndWhereItWasCreated() {
    Tensor x = leaf(0, 1);
    try (var a = Anomaly.detect()) {
      Tensor l = sqrtSum(x); // forward is finite: sqrt(0) = 0
      var e = assertThrows(Anomaly.AnomalyException.class, l::backward);
      assertMessage(e, "backward of sqrt", "gradient of input 0", "AnomalyTest.sqrtSum");
    }
  }

  private static Tensor sqrtSum(Tensor x) { return x.sqrt().sum(); }

  @Test
  void withoutAnomalyModeNonFiniteGradientsPassThrough() {
    Tensor x = leaf(0, 1);
    x.sqrt().sum().backward();
    assertEquals(Double.POSITIVE_INFINITY, x.grad().toDoubleArray()[0]);
    assertEquals(0.5, x.grad().toDoubleArray()[1], 1e-12);
  }

  @Test
  void withoutAnomalyModeTheMessageSaysHowToGetTheSite() {
    Tensor x = leaf(1);
    Tensor l = x.exp().sum();
    Node n = (Node) l.gradFn();
    assertMessage(new IllegalStateException(n.createdAt()), "enable Anomaly mode");
  }
}
