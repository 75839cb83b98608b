package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {
  private static Options train(String... args) { return Options.parse(List.of(args), Options.TRAIN_KEYS, "train"); }

  private static String error(Runnable r) { return assertThrows(IllegalArgumentException.class, r::run).getMessage(); }

  @Test
  void parsesValuesFlagsAndEquals() {
    Options o = train("--epochs", "7", "--lr=0.01", "--header", "--optimizer", "SGD", "--label-column", "-1");
    assertEquals(7, o.positiveInt("epochs", 20));
    assertEquals(0.01, o.number("lr", 1, 0, false, Double.POSITIVE_INFINITY));
    assertTrue(o.flag("header"));
    assertEquals("sgd", o.choice("optimizer", "adamw", "sgd", "adam", "adamw"));
    assertEquals(-1, o.integer("label-column", 0));
    assertEquals(32, o.positiveInt("batch-size", 32));
    assertFalse(o.has("model"));
  }

  @Test
  void badOptionsNameTheOption() {
    assertTrue(error(() -> train("--epoch", "3")).contains("unknown option --epoch"));
    assertTrue(error(() -> train("--epochs")).contains("--epochs needs a value"));
    assertTrue(error(() -> train("epochs", "3")).contains("'epochs'"));
    assertTrue(error(() -> train("--epochs", "0").positiveInt("epochs", 1)).contains("--epochs must be a positive integer, got '0'"));
    assertTrue(error(() -> train("--lr", "-1").number("lr", 1, 0, false, Double.POSITIVE_INFINITY)).contains("--lr must be a number"));
    assertTrue(error(() -> train("--momentum", "1").number("momentum", 0.9, 0, true, 1)).contains("--momentum"));
    assertTrue(error(() -> train("--model", "rnn").choice("model", "mlp", "mlp", "cnn")).contains("--model must be one of mlp|cnn, got 'rnn'"));
  }

  @Test
  void commandLineErrorsExitWith2AndOneLine() {
    assertCli(2, "jgrad train: --schedule must be one of none|step|cosine|onecycle", "train", "--schedule", "linear", "--epochs", "1");
    assertCli(2, "jgrad train: unknown option --bogus", "train", "--bogus", "1");
    assertCli(2, "jgrad eval: needs --checkpoint", "eval");
    assertCli(2, "checkpoint not found: /nonexistent/x.safetensors", "eval", "--checkpoint", "/nonexistent/x.safetensors");
    assertCli(2, "--train: file not found: /nonexistent/a.csv", "train", "--dataset", "csv", "--train", "/nonexistent/a.csv",
        "--test", "/nonexistent/a.csv");
  }

  static String assertCli(int code, String expected, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    int rc = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String e = err.toString(StandardCharsets.UTF_8);
    assertEquals(code, rc, "exit code; stderr: " + e + "\nstdout: " + out);
    assertTrue(e.contains(expected), "stderr should contain '" + expected + "' but was: " + e);
    assertFalse(e.contains("\tat "), "no stack trace: " + e);
    return e;
  }
}
