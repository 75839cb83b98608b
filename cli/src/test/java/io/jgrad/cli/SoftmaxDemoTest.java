package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class SoftmaxDemoTest {
  @Test
  void datasetLoads() {
    Digits d = Digits.load();
    assertEquals(1797, d.size());
    assertEquals(64, d.images().size(1));
    assertTrue(d.images().max().item() <= 1.0 && d.images().min().item() >= 0.0);
    assertEquals(9.0, d.labels().max().item());
  }

  @Test
  void demoLearnsDigits() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    SoftmaxDemo.Result r = SoftmaxDemo.run(15, 64, 0.5, 7, new PrintStream(buf));
    // A linear classifier reaches ~95% on this data; chance is 10%.
    assertTrue(r.testAccuracy() > 0.90, "test accuracy " + r.testAccuracy() + "\n" + buf);
    assertTrue(r.trainLoss() < 0.4, "train loss " + r.trainLoss());
  }

  @Test
  void sameSeedSameRun() {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream());
    SoftmaxDemo.Result a = SoftmaxDemo.run(2, 64, 0.5, 3, sink);
    SoftmaxDemo.Result b = SoftmaxDemo.run(2, 64, 0.5, 3, sink);
    assertEquals(a.trainLoss(), b.trainLoss());
  }

  @Test
  void badOptionsAreReported() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = Main.run(new String[] {"demo", "--epochs", "zero"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err));
    assertEquals(2, rc);
    assertTrue(err.toString().contains("--epochs must be a positive integer, got 'zero'"), err.toString());
  }
}
