package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage, per-command help, --version, "did you mean", and bin/jgrad as a child process. */
class CommandLineTest {
  @TempDir Path tmp;

  @Test
  void noArgumentsPrintsUsageAndEveryCommandHasHelp() {
    Cli.Run none = Cli.run().ok();
    assertTrue(none.out().startsWith("usage: bin/jgrad <command>"), none.out());
    for (String c : List.of("train", "eval", "predict", "demo", "devices", "catalog")) {
      assertTrue(none.out().contains("  " + c + " "), c + " in usage");
      Cli.Run h = Cli.run(c, "--help").ok();
      assertTrue(h.out().startsWith("usage: bin/jgrad " + c), c + ": " + h.out());
      assertEquals(h.out(), Cli.run("help", c).ok().out(), "help " + c + " is " + c + " --help");
      assertEquals(h.out(), Cli.run(c, "-h").ok().out());
    }
    OptionsTest.assertCli(2, "jgrad help: unknown command 'trian'; did you mean 'train'?", "help", "trian");
  }

  @Test
  void versionIsTheMavenProjectVersion() throws Exception {
    String pom = Files.readString(Cli.root().resolve("cli/pom.xml"));
    Matcher m = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
    assertTrue(m.find(), "the parent version in cli/pom.xml");
    Cli.Run v = Cli.run("--version").ok();
    assertTrue(v.out().startsWith("jgrad " + m.group(1) + " (Java "), v.out());
    assertEquals(m.group(1), Version.get());
  }

  @Test
  void mistypedOptionsAndCommandsGetASuggestion() {
    OptionsTest.assertCli(2, "jgrad train: unknown option --epoch; did you mean --epochs? (bin/jgrad train --help lists the options)",
        "train", "--epoch", "3");
    OptionsTest.assertCli(2, "unknown option --lable-column; did you mean --label-column?", "train", "--lable-column", "0");
    OptionsTest.assertCli(2, "unknown option --chekpoint; did you mean --checkpoint?", "eval", "--chekpoint", "x");
    OptionsTest.assertCli(2, "unknown option --ouput; did you mean --output?", "predict", "--ouput", "x");
    OptionsTest.assertCli(2, "unknown option --epocs; did you mean --epochs?", "demo", "--epocs", "3");
    OptionsTest.assertCli(2, "jgrad: unknown command 'trian'; did you mean 'train'?", "trian");
    String e = OptionsTest.assertCli(2, "unknown option --zzzzzz", "train", "--zzzzzz", "1");
    assertTrue(!e.contains("did you mean"), "no suggestion when nothing is close: " + e);
    assertEquals("epochs", Suggest.closest("epcohs", Options.TRAIN_KEYS), "a transposition");
    assertEquals(1, Suggest.distance("epcohs", "epochs"));
  }

  /** Each default the train help prints in [brackets], against what the code does with no option. */
  @Test
  void theHelpSaysWhatTheDefaultsReallyAre() {
    String help = Cli.run("train", "--help").ok().out();
    TrainSettings d = TrainSettings.of(Options.empty());
    TrainSettings sgd = TrainSettings.of(opts("--optimizer", "sgd"));
    TrainSettings fashion = TrainSettings.of(opts("--dataset", "fashion-mnist"));
    TrainSettings csv = TrainSettings.of(opts("--dataset", "csv"));
    assertDefault(help, "--dataset digits|fashion-mnist|csv", "[" + d.dataset() + "; "
        + TrainSettings.of(opts("--task", "regression")).dataset() + " for regression]");
    assertDefault(help, "--task classification|regression", "[" + d.task() + "]");
    assertEquals("mse", TrainSettings.of(opts("--task", "regression")).defaultLoss());
    assertDefault(help, "--loss ID[:k=v,...]", "; regression " + TrainSettings.of(opts("--task", "regression")).defaultLoss() + "]");
    assertDefault(help, "--data-dir DIR", "[" + DataSources.FASHION_DIR + "]");
    assertDefault(help, "--label-column N|NAME", "[" + RunData.labelColumn(Options.empty()) + ", the last]");
    assertDefault(help, "--missing error|drop|mean", "[" + MissingPolicy.parse(Options.empty().str("missing", "error")).label() + "]");
    assertTrue(csv.standardize() && !d.standardize() && !fashion.standardize());
    assertDefault(help, "--standardize, --no-standardize", "[on for csv, off for digits and fashion-mnist]");
    assertDefault(help, "--val-split F", "[" + Help.fmt(d.valSplit()) + "]");
    assertEquals("cnn", d.model());
    assertEquals("mlp", csv.model());
    assertEquals("mlp", fashion.model());
    assertDefault(help, "--model mlp|cnn", "[cnn on digits, mlp otherwise]");
    assertEquals("256,128", ModelSpec.join(ModelSpec.of(Options.empty(), "mlp", new int[] {1, 28, 28}, 10).hidden()));
    assertEquals("128", ModelSpec.join(ModelSpec.of(Options.empty(), "mlp", new int[] {5}, 2).hidden()));
    assertDefault(help, "--hidden W,W,...", "[256,128 for 784 features, 128 otherwise]");
    ModelSpec cnn = ModelSpec.of(Options.empty(), "cnn", new int[] {1, 8, 8}, 10);
    assertDefault(help, "--channels C,C,...", "[" + ModelSpec.join(cnn.channels()) + "]");
    assertDefault(help, "--kernel K", "[" + cnn.kernel() + "]");
    assertDefault(help, "--loss ID[:k=v,...]", "[" + Components.parse(Options.empty()).loss().id() + ";");
    assertDefault(help, "--optimizer sgd|adam|adamw", "[" + d.optimizer() + "]");
    assertDefault(help, "--lr X", "[" + Help.fmt(d.lr()) + "; sgd " + Help.fmt(sgd.lr()) + "]");
    assertDefault(help, "--momentum X", "[" + Help.fmt(sgd.momentum()) + "]");
    assertDefault(help, "--weight-decay X", "[" + Help.fmt(d.weightDecay()) + " for adamw, " + Help.fmt(sgd.weightDecay()) + " otherwise]");
    assertEquals(0.0, TrainSettings.of(opts("--optimizer", "adam")).weightDecay());
    assertDefault(help, "--schedule none|step|cosine|onecycle", "[" + d.schedule() + "]");
    assertDefault(help, "--epochs N", "[" + d.epochs() + "; fashion-mnist " + fashion.epochs() + "]");
    assertEquals(d.epochs(), csv.epochs());
    assertDefault(help, "--batch-size N", "[" + d.batchSize() + "]");
    assertDefault(help, "--seed N", "[" + d.seed() + "]");
    assertEquals(0, d.patience());
    assertDefault(help, "--early-stopping P", "[off]");
    assertDefault(help, "--device cpu|opencl[:i]|cuda[:i]", "[" + Main.checkDevice(Options.empty()) + "]");
    assertTrue(d.out().startsWith(Path.of(System.getProperty("jgrad.runs", "runs"))), d.out().toString()); // the build points jgrad.runs at target/
    String demo = Cli.run("demo", "--help").ok().out();
    assertTrue(demo.contains("--epochs N [30]  --batch N [32]  --hidden N [64]  --lr X [0.05]  --momentum X [0.9]  --seed N [42]"), demo);
  }

  /** The README's options list states the same defaults as the code. */
  @Test
  void theReadmeOptionsListStatesTheRealDefaults() throws Exception {
    String readme = Files.readString(Cli.root().resolve("README.md"));
    TrainSettings d = TrainSettings.of(Options.empty()), sgd = TrainSettings.of(opts("--optimizer", "sgd"));
    TrainSettings fashion = TrainSettings.of(opts("--dataset", "fashion-mnist"));
    List<String> claims = List.of(
        "`--dataset digits|fashion-mnist|csv` [" + d.dataset() + "; csv for regression]",
        "`--task classification|regression` [" + d.task() + "]",
        "`--data-dir` [" + DataSources.FASHION_DIR + "]",
        "`--label-column N|NAME` [" + RunData.labelColumn(Options.empty()) + ", the last]",
        "`--missing error|drop|mean` [error]",
        "`--val-split F` [" + Help.fmt(d.valSplit()) + ";",
        "`--hidden W,W,...` [256,128 for 784 features, 128 otherwise;",
        "`--channels C,C,...` [" + ModelSpec.join(ModelSpec.DEFAULT_CHANNELS) + "]",
        "`--kernel K` [" + ModelSpec.DEFAULT_KERNEL + "]",
        "`--loss ID[:k=v,...]` [" + Components.DEFAULT_LOSS + "; regression " + RegressionTask.DEFAULT_LOSS + "]",
        "`--optimizer sgd|adam|adamw` [" + d.optimizer() + "]",
        "`--lr` [" + Help.fmt(d.lr()) + "; sgd " + Help.fmt(sgd.lr()) + "]",
        "`--momentum` (sgd) [" + Help.fmt(sgd.momentum()) + "]",
        "`--weight-decay` [" + Help.fmt(d.weightDecay()) + " for adamw, else " + Help.fmt(sgd.weightDecay()) + "]",
        "`--schedule none|step|cosine|onecycle` [" + d.schedule() + "]",
        "`--epochs` [" + d.epochs() + "; fashion-mnist " + fashion.epochs() + "]",
        "`--batch-size` [" + d.batchSize() + "]",
        "split) [" + d.seed() + "]",
        "`--device cpu|opencl[:i]|cuda[:i]`\n  [" + Main.checkDevice(Options.empty()) + "]",
        "`--standardize` / `--no-standardize` [on for csv, off for digits and fashion-mnist]",
        "`--model mlp|cnn` [" + d.model() + " on digits, " + fashion.model() + " otherwise]");
    for (String c : claims) {
      String flat = readme.replaceAll("\\s+", " ");
      assertTrue(flat.contains(c.replace("\n  ", " ")), "README states: " + c);
    }
  }

  private static Options opts(String... a) { return Options.parse(List.of(a), Options.TRAIN_KEYS, "train"); }

  private static void assertDefault(String help, String option, String dflt) {
    String line = help.lines().filter(l -> l.trim().startsWith(option)).findFirst().orElseThrow(() -> new AssertionError(option + " in\n" + help));
    int i = help.indexOf(line);
    String next = help.substring(i + line.length() + 1).lines().findFirst().orElse("");
    String text = line + (next.startsWith("                        ") ? " " + next.trim() : "");
    assertTrue(text.contains(dflt), option + ": expected " + dflt + " in '" + text + "'");
  }

  /** bin/jgrad itself, from another directory: usage with no arguments, --version, devices without the JVM's incubator line. */
  @Test
  void theLauncherPrintsUsageVersionAndDevicesWithoutStrayLines() throws Exception {
    Cli.Run none = Cli.child(tmp).ok();
    assertTrue(none.out().startsWith("usage: bin/jgrad <command>"), none.out());
    assertEquals("", none.err(), "nothing on stderr");
    Cli.Run v = Cli.child(tmp, "--version").ok();
    assertTrue(v.out().startsWith("jgrad " + Version.get()), v.out());
    Cli.Run dev = Cli.child(tmp, "devices").ok();
    assertTrue(dev.out().startsWith("devices (use with --device):\n  cpu  (built in,"), dev.out());
    assertEquals("", dev.err(), "devices prints no stray line (the JVM's 'WARNING: Using incubator modules' is filtered)");
    Cli.Run bad = Cli.child(tmp, "train", "--epoch", "3");
    assertEquals(2, bad.code());
    assertEquals("jgrad train: unknown option --epoch; did you mean --epochs? (bin/jgrad train --help lists the options)\n", bad.err());
  }
}
