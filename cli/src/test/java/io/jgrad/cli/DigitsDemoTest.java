package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class DigitsDemoTest {
  @Test
  void datasetLoads() {
    Digits d = Digits.load();
    assertEquals(1797, d.size());
    assertEquals(64, d.images().size(1));
    assertTrue(d.images().max().item() <= 1.0 && d.images().min().item() >= 0.0);
    assertEquals(9.0, d.labels().max().item());
    assertEquals(0.0, d.labels().min().item());
  }

  @Test
  void demoLearnsDigits() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    DigitsDemo.Result r = DigitsDemo.run(15, 32, 64, 0.05, 0.9, 7, new PrintStream(buf));
    // An MLP reaches ~97% on this data; chance is 10%.
    assertTrue(r.testAccuracy() > 0.93, "test accuracy " + r.testAccuracy() + "\n" + buf);
    assertTrue(r.trainLoss() < 0.3, "train loss " + r.trainLoss() + "\n" + buf);
  }

  @Test
  void sameSeedSameRun() {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream());
    DigitsDemo.Result a = DigitsDemo.run(2, 64, 32, 0.05, 0.9, 3, sink);
    DigitsDemo.Result b = DigitsDemo.run(2, 64, 32, 0.05, 0.9, 3, sink);
    // Same seed, same data order and initialisation: the same bits, although the first run
    // executes partly before C2 compiles the kernels (tensor's DeterminismTest).
    assertEquals(a.trainLoss(), b.trainLoss());
    assertEquals(a.testAccuracy(), b.testAccuracy());
  }

  @Test
  void badOptionsAreReported() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = Main.run(new String[] {"demo", "--epochs", "zero"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err));
    assertEquals(2, rc);
    assertTrue(err.toString().contains("--epochs must be a positive integer, got 'zero'"), err.toString());
    err.reset();
    assertEquals(2, Main.run(new String[] {"demo", "--lr"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err)));
    assertTrue(err.toString().contains("jgrad demo: option --lr needs a value"), err.toString());
  }
}
