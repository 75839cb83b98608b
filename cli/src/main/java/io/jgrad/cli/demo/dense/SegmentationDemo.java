package io.jgrad.cli.demo.dense;

import io.jgrad.cli.demo.CatalogDemo;
import io.jgrad.cli.demo.Claim;
import io.jgrad.cli.demo.Criterion;
import io.jgrad.cli.demo.DemoRun;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.nn.Conv2d;
import io.jgrad.nn.Module;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.train.Objective;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The overlap losses of paper 25 against cross entropy on a synthetic segmentation set with about
 * 2% foreground: Dice, generalized Dice, Tversky and Lovász-Softmax optimise the overlap of the
 * rare class directly, where cross entropy's per-pixel average is dominated by the background.
 */
final class SegmentationDemo extends CatalogDemo {
  static final String CE = "cross_entropy";
  static final Map<String, String> SPECS = new LinkedHashMap<>();

  static {
    SPECS.put("dice_loss", "dice_loss");
    SPECS.put("generalized_dice_loss", "generalized_dice_loss");
    SPECS.put("tversky_loss", "tversky_loss");
    SPECS.put("lovasz_softmax_loss", "lovasz_softmax_loss");
    SPECS.put(CE, "cross_entropy");
  }

  /** Where a full run draws seed 1's masks: under {@code -Djgrad.docs} (default docs/catalog of the working directory). */
  static Path docs(String file) { return Path.of(System.getProperty("jgrad.docs", "docs/catalog")).resolve(file); }

  SegmentationDemo() {
    super("dice_loss",
        List.of("dice_loss", "generalized_dice_loss", "tversky_loss", "lovasz_softmax_loss"),
        "dense_regression",
        "Dice, generalized Dice, Tversky and Lovász-Softmax vs cross entropy, 16x16 masks with ~2% foreground",
        "synthetic set made in code: 16x16 images of N(0, 1) noise with one 2x3 rectangle of +1.5 (6 of 256 pixels, 2.3% "
            + "foreground) and three +2.25 single-pixel distractors; 384 training and 256 test images per seed. Fully convolutional "
            + "net conv3x3(1,8)-ReLU-conv3x3(8,8)-ReLU-conv1x1(8,2) (padding 1), the same initial weights for every loss; Adam lr 0.01, "
            + "batch 32, 6 epochs, the same shuffling. Losses from the registry with their defaults (softmax over 2 channels, "
            + "background included; Tversky alpha 0.3, beta 0.7; Lovász classes present); baseline cross_entropy. Metric: "
            + "foreground IoU of the argmax masks on the test images, pooled. Predicted masks of seed 1 (rows: image, truth, "
            + "then one row per loss): ![masks](dense_regression-dice_loss-masks.png). Smoke: 64 images, 1 epoch.",
        Claim.of("Overlap losses (Dice, generalized Dice, Tversky, Lovász-Softmax) reach a higher foreground IoU than "
                + "cross entropy on a heavily imbalanced segmentation at an equal training budget (paper 25's survey; Milletari 2016, "
                + "Sudre 2017, Salehi 2017, Berman 2018)",
            Criterion.higher("fg_iou", "dice_loss", CE), Criterion.higher("fg_iou", "generalized_dice_loss", CE),
            Criterion.higher("fg_iou", "tversky_loss", CE), Criterion.higher("fg_iou", "lovasz_softmax_loss", CE)));
  }

  static Module net(long seed) {
    Generator g = new Generator(seed);
    int[] k3 = {3, 3}, one = {1, 1}, pad = {1, 1}, zero = {0, 0};
    return new Sequential(new Conv2d(1, 8, k3, one, pad, one, 1, true, g), new ReLU(),
        new Conv2d(8, 8, k3, one, pad, one, 1, true, g), new ReLU(),
        new Conv2d(8, 2, one, one, zero, one, 1, true, g));
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    int nTrain = smoke ? 64 : 384, nTest = smoke ? 64 : 256, epochs = smoke ? 1 : 6;
    SegmentationData train = SegmentationData.make(nTrain, 100 + seed, 1.5), test = SegmentationData.make(nTest, 900 + seed, 1.5);
    TensorDataset ds = new TensorDataset(train.images(), train.labels(), Map.of());
    DemoRun r = new DemoRun();
    Map<String, Tensor> masks = new LinkedHashMap<>();
    for (Map.Entry<String, String> m : SPECS.entrySet()) {
      Objective loss = Catalog.create(m.getValue(), Objective.class);
      Module model = net(seed);
      DemoFit.fit(model, loss, ds, 32, epochs, 0.01, seed);
      Tensor logits = DemoFit.predict(model, test.images());
      Map<String, Double> row = new LinkedHashMap<>();
      row.put("fg_iou", SegmentationData.foregroundIoU(logits, test.labels()));
      row.put("fg_predicted", logits.argmax(1, false).to(io.jgrad.tensor.DType.FLOAT64).mean().item());
      r.row(m.getKey(), row);
      masks.put(m.getKey(), logits.argmax(1, false));
    }
    if (!smoke && seed == 1) MaskImage.write(test.images(), test.labels(), masks, 8, docs("dense_regression-dice_loss-masks.png"));
    return r;
  }
}
