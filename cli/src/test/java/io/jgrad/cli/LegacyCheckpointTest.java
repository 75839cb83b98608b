package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.io.Checkpoint;
import io.jgrad.nn.train.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints of earlier jgrad versions (no run description; options in run.properties beside them) still evaluate and predict. */
class LegacyCheckpointTest {
  @TempDir Path tmp;

  /** The checkpoint without its run.* metadata, as earlier versions wrote it. */
  static Path strip(Path from, Path to) throws IOException {
    Checkpoint c = Checkpoint.load(from);
    Map<String, String> meta = new LinkedHashMap<>();
    c.metadata().forEach((k, v) -> {
      if (!k.startsWith("run.")) meta.put(k, v);
    });
    Files.createDirectories(to.getParent());
    new Checkpoint(c.model(), c.optimizer(), c.step(), c.seed(), c.rngOffset(), meta, c.modules()).save(to);
    assertNull(RunInfo.fromMetadata(Checkpoint.load(to).metadata()));
    return to;
  }

  @Test
  void aCsvCheckpointWithRunPropertiesEvaluatesAsBefore() throws IOException {
    Path tr = tmp.resolve("train.csv"), te = tmp.resolve("test.csv");
    // Integer labels 0..2 (earlier versions took class indices only) in the first column.
    Files.writeString(tr, TabularCsv.rows(90, 41, false).replace("adelie", "0").replace("chinstrap", "1").replace("gentoo", "2")
        .replaceAll("(?m)^(.*),(\\d)$", "$2,$1"));
    Files.writeString(te, TabularCsv.rows(30, 42, false).replace("adelie", "0").replace("chinstrap", "1").replace("gentoo", "2")
        .replaceAll("(?m)^(.*),(\\d)$", "$2,$1"));
    TrainCommand.Result r = OwnDataTest.train(new ByteArrayOutputStream(), "--dataset", "csv", "--train", tr.toString(), "--test", te.toString(),
        "--label-column", "0", "--no-standardize", "--hidden", "32", "--epochs", "3", "--out", tmp.resolve("new").toString());
    Path old = strip(tmp.resolve("new/best.safetensors"), tmp.resolve("old/best.safetensors"));
    Files.writeString(tmp.resolve("old/run.properties"), "#jgrad train options (read by jgrad eval)\ndataset=csv\ntrain=" + tr + "\ntest=" + te
        + "\nlabel-column=0\nmodel=mlp\nclasses=3\n");
    Metrics m = EvalCommand.run(Options.parse(List.of("--checkpoint", old.toString()), Options.EVAL_KEYS, "eval"), System.out);
    assertEquals(r.testAccuracy(), m.accuracy(), 1e-12);
    assertEquals(r.testLoss(), m.loss(), 1e-5);
    assertEquals(30, m.examples());
    // predict: the architecture (4-32-3) and class count come from the tensors' shapes.
    Path in = Files.writeString(tmp.resolve("in.csv"), "0.1,0.2,0.3,0.4\n");
    Cli.Run p = Cli.run("predict", "--checkpoint", old.toString(), "--input", in.toString()).ok();
    assertTrue(p.out().startsWith("row,class,label,p_0,p_1,p_2\n1,"), p.out());
  }

  @Test
  void aDigitsCheckpointWithoutAnyDescriptionEvaluates() throws IOException {
    TrainCommand.Result r = OwnDataTest.train(new ByteArrayOutputStream(), "--epochs", "1", "--out", tmp.resolve("d").toString());
    Path old = strip(tmp.resolve("d/best.safetensors"), tmp.resolve("bare/model.safetensors"));
    Metrics m = EvalCommand.run(Options.parse(List.of("--checkpoint", old.toString()), Options.EVAL_KEYS, "eval"), System.out);
    assertEquals(r.testAccuracy(), m.accuracy(), 1e-12);
    assertEquals(360, m.examples());
  }
}
