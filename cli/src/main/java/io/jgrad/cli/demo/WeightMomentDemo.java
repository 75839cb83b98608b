package io.jgrad.cli.demo;

import io.jgrad.autograd.Grad;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.losses.reg.QuantizationRegularizers;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.optim.Adam;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EQ-Net's weight-distribution regularizer (paper 60, WDR-Loss) against plain training of a
 * digits MLP: it pulls each layer's weight kurtosis toward the uniform distribution's 1.8 and
 * the skewness toward 0, which the paper uses to make the weights robust to uniform quantization.
 * Measured: the kurtosis of the regularized layers and the test accuracy after post-training
 * 4-bit uniform quantization of their weights.
 */
final class WeightMomentDemo extends CatalogDemo {
  static final String PLAIN = "plain", WDR = "weight_moment_regularizer";
  static final int BITS = 4;

  WeightMomentDemo() {
    super(WDR,
        List.of(WDR),
        "weight_reg",
        "weight-distribution (kurtosis/skewness) regularizer vs plain training: 4-bit post-training quantization, digits MLP",
        "embedded digits (1437/360 split); MLP 64-256-256-10 (ReLU); Adam lr 1e-3, batch 64, 30 epochs, the same initial weights "
            + "and shuffling per seed. weight_moment_regularizer with the registry defaults (kurt_rate 0.015, skew_rate 1, "
            + "kurtosis target 1.8, skewness target 0, drop_first: the first Linear is not regularized). After training the "
            + "weights of the regularized layers (the 2nd and 3rd Linear; biases and the first layer stay float) are quantized "
            + "to 4 bits, symmetric uniform per tensor: w_q = s * clamp(round(w / s), -7, 7) with s = max|w| / 7. kurtosis: "
            + "mean over those two layers. Smoke: 2 epochs on 256 examples.",
        Claim.of("The weight-distribution regularizer moves the weights' kurtosis toward the target 1.8 and raises the test accuracy "
                + "after post-training 4-bit uniform quantization of the weights (paper 60)",
            Criterion.lower("kurtosis_gap", WDR, PLAIN),
            Criterion.higher("ptq4_test_accuracy", WDR, PLAIN)));
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    WeightRegSetup.Data data = WeightRegSetup.digits(smoke ? 256 : 0);
    int epochs = smoke ? 2 : 30;
    DemoRun out = new DemoRun();
    for (String method : List.of(PLAIN, WDR)) {
      Sequential model = WeightRegSetup.mlp(seed, 256, 256);
      List<Regularizer> regs = method.equals(WDR) ? List.of(Catalog.create(WDR, Kind.REGULARIZER, Regularizer.class)) : List.of();
      WeightRegSetup.train(model, new Adam(model.parameters(), 1e-3), data.train(), epochs, seed, regs, null);
      List<Tensor> quantized = quantizedWeights(model);
      double kurt = 0;
      for (Tensor w : quantized) kurt += QuantizationRegularizers.kurtosis(w).item() / quantized.size();
      Map<String, Double> row = new LinkedHashMap<>();
      row.put("kurtosis", kurt);
      row.put("kurtosis_gap", Math.abs(kurt - 1.8));
      row.put("test_accuracy", WeightRegSetup.accuracy(model, data.test()));
      row.put("ptq4_test_accuracy", quantizedAccuracy(model, quantized, data.test()));
      out.row(method, row);
    }
    return out;
  }

  /** The weights of every Linear but the first (the layers drop_first leaves to the regularizer). */
  static List<Tensor> quantizedWeights(Sequential model) {
    List<Tensor> ws = new ArrayList<>();
    for (Module m : model.layers()) if (m instanceof Linear l) ws.add(l.weight());
    return ws.subList(1, ws.size());
  }

  /** Test accuracy with {@code weights} quantized to {@link #BITS} bits in place; the weights are restored afterwards. */
  static double quantizedAccuracy(Module model, List<Tensor> weights, TensorDataset test) {
    List<Tensor> saved = new ArrayList<>();
    try (var off = Grad.disabled()) {
      for (Tensor w : weights) {
        saved.add(w.copy());
        w.copyFrom(quantize(w, BITS));
      }
    }
    try {
      return WeightRegSetup.accuracy(model, test);
    } finally {
      try (var off = Grad.disabled()) {
        for (int i = 0; i < weights.size(); i++) weights.get(i).copyFrom(saved.get(i));
      }
    }
  }

  /** Symmetric uniform quantization per tensor: s * clamp(round(w / s), -L, L), L = 2^(bits-1) - 1, s = max|w| / L. */
  static Tensor quantize(Tensor w, int bits) {
    double levels = (1 << (bits - 1)) - 1;
    double s = w.abs().max().item() / levels;
    if (s == 0) return w.copy();
    return w.div(s).round().clamp(-levels, levels).mul(s);
  }
}
