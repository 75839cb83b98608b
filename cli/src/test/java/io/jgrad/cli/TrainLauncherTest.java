package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Without the spark module on the class path, --spark is one line saying what to add. */
class TrainLauncherTest {
  @Test
  void sparkWithoutTheModuleIsAClearError() {
    Options o = Options.parse(List.of("--spark", "local[2]", "--epochs", "1"), Options.TRAIN_KEYS, "train");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainCommand.run(o, new PrintStream(PrintStream.nullOutputStream())));
    assertTrue(e.getMessage().contains("--spark needs the jgrad-spark module on the class path"), e.getMessage());
    IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
        () -> TrainCommand.run(Options.parse(List.of("--workers", "2"), Options.TRAIN_KEYS, "train"), new PrintStream(PrintStream.nullOutputStream())));
    assertTrue(w.getMessage().contains("--workers needs --spark"), w.getMessage());
  }
}
