package io.jgrad.cli.demo.dense;

import io.jgrad.cli.DataSources;
import io.jgrad.cli.Digits;
import io.jgrad.cli.demo.CatalogDemo;
import io.jgrad.cli.demo.Claim;
import io.jgrad.cli.demo.Criterion;
import io.jgrad.cli.demo.DemoRun;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.nn.Conv2d;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.Linear;
import io.jgrad.nn.MaxPool2d;
import io.jgrad.nn.Module;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.data.Cutout;
import io.jgrad.nn.data.Idx;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.train.Objective;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cutout (paper 28) as a per-example training transform of a small CNN on Fashion-MNIST: masking a
 * random square of each training image should regularise, shrinking the gap between training and
 * test accuracy. Fashion-MNIST is read from /usr/share/datasets/fashion-mnist (Debian package
 * dataset-fashion-mnist, not in CI); the smoke variant uses the embedded 8x8 digits.
 */
final class CutoutDemo extends CatalogDemo {
  static final String CUTOUT = "cutout", NONE = "no_cutout";

  CutoutDemo() {
    super("cutout",
        List.of("cutout"),
        "dense_regression",
        "Cutout vs no augmentation, small CNN on a 1500-image Fashion-MNIST subset at 14x14",
        "Fashion-MNIST (needs /usr/share/datasets/fashion-mnist: apt-get install dataset-fashion-mnist; not in CI), "
            + "1500 training and 2000 test images drawn per seed, average-pooled to 14x14 (to fit the 2-minute budget on 2 cores), "
            + "pixels standardised with the training mean and sd (so a cut pixel is the mean, as the reference applies Cutout after "
            + "normalisation). CNN conv3x3(1,8)-ReLU-maxpool2-conv3x3(8,16)-ReLU-maxpool2-linear(144,10), Adam lr 2e-3, batch 64, "
            + "15 epochs, the same initial weights and shuffling; the cutout run masks one 6x6 square (cutout:length=6, the "
            + "reference's ±L//2, about the paper's CIFAR-10 ratio L/side = 0.5) of each training image at each epoch, as the "
            + "DataLoader's per-example transform. Metrics: "
            + "training accuracy (on the clean training images), test accuracy and their gap. Smoke: the embedded 8x8 digits, "
            + "128 training images, length 4, 1 epoch.",
        Claim.of("Cutout regularises a CNN: the gap between training and test accuracy is smaller than without it (paper 28)",
            Criterion.lower("gap", CUTOUT, NONE)));
  }

  static Module cnn(long seed, int side) {
    Generator g = new Generator(seed);
    int[] k3 = {3, 3}, one = {1, 1};
    int flat = 16 * (side / 2 / 2) * (side / 2 / 2);
    return new Sequential(new Conv2d(1, 8, k3, one, one, one, 1, true, g), new ReLU(), new MaxPool2d(2),
        new Conv2d(8, 16, k3, one, one, one, 1, true, g), new ReLU(), new MaxPool2d(2), new Flatten(),
        new Linear(flat, 10, true, g));
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    Tensor[] xy = smoke ? digits(256, seed) : fashion(1500, 2000, seed);
    int nTrain = smoke ? 128 : 1500, side = xy[0].size(2), length = smoke ? 4 : 6, epochs = smoke ? 1 : 15;
    Tensor xTrain = xy[0].narrow(0, 0, nTrain), yTrain = xy[1].narrow(0, 0, nTrain);
    Tensor xTest = xy[0].narrow(0, nTrain, xy[0].size(0) - nTrain), yTest = xy[1].narrow(0, nTrain, xy[0].size(0) - nTrain);
    double mean = xTrain.mean().item(), sd = xTrain.std().item();
    xTrain = xTrain.sub(mean).div(sd).contiguous();
    xTest = xTest.sub(mean).div(sd).contiguous();
    TensorDataset train = new TensorDataset(xTrain, yTrain.contiguous());
    DemoRun r = new DemoRun();
    for (String method : List.of(CUTOUT, NONE)) {
      Cutout cutout = method.equals(CUTOUT) ? Catalog.create("cutout:length=" + length, Cutout.class) : null;
      Module model = cnn(seed, side);
      DemoFit.fitTransformed(model, Catalog.create("cross_entropy", Objective.class), train, cutout, 64, epochs, 2e-3, seed);
      double trainAcc = accuracy(model, xTrain, yTrain), testAcc = accuracy(model, xTest, yTest);
      Map<String, Double> row = new LinkedHashMap<>();
      row.put("train_acc", trainAcc);
      row.put("test_acc", testAcc);
      row.put("gap", trainAcc - testAcc);
      r.row(method, row);
    }
    return r;
  }

  static double accuracy(Module model, Tensor x, Tensor y) {
    double correct = 0;
    for (int s = 0; s < x.size(0); s += 500) {
      int n = Math.min(500, x.size(0) - s);
      Tensor out = DemoFit.predict(model, x.narrow(0, s, n));
      correct += out.argmax(1, false).eq(y.narrow(0, s, n)).sum().item();
    }
    return correct / x.size(0);
  }

  static Tensor[] fashion(int nTrain, int nTest, long seed) {
    var dir = DataSources.FASHION_DIR;
    if (!Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz"))) {
      throw new IllegalStateException("cutout demo: Fashion-MNIST not found in " + dir + " (apt-get install dataset-fashion-mnist)");
    }
    TensorDataset train = Idx.dataset(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"));
    TensorDataset test = Idx.dataset(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
    Tensor pa = Tensor.randperm(new Generator(seed), train.size()).narrow(0, 0, nTrain);
    Tensor pb = Tensor.randperm(new Generator(seed + 1), test.size()).narrow(0, 0, nTest);
    Tensor x = Tensor.cat(List.of(train.features().indexSelect(0, pa), test.features().indexSelect(0, pb)), 0).unsqueeze(1)
        .avgPool2d(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, false, true);
    Tensor y = Tensor.cat(List.of(train.labels().indexSelect(0, pa), test.labels().indexSelect(0, pb)), 0);
    return new Tensor[] {x.contiguous(), y.contiguous()};
  }

  static Tensor[] digits(int n, long seed) {
    Digits d = Digits.load();
    Tensor p = Tensor.randperm(new Generator(seed), d.size()).narrow(0, 0, n);
    return new Tensor[] {d.images().indexSelect(0, p).reshape(n, 1, 8, 8).contiguous(), d.labels().indexSelect(0, p).contiguous()};
  }
}
