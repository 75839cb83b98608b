package io.jgrad.cli.demo;

import io.jgrad.nn.FakeQuantInput;
import io.jgrad.nn.LearnedClipFakeQuant;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.optim.Adam;
import java.util.List;

/**
 * Quantization-aware training with learned-clip fake quantization (paper 64) of every linear
 * layer's input at 4 bits, against float32 training of the same MLP. Claim: 4-bit QAT stays
 * within 1 point of float32 test accuracy. For context, the float32 model quantized after
 * training (same quantizers, clip values not learned) is reported too.
 */
final class FakeQuantDemo extends CatalogDemo {
  static final String FP32 = "float32", QAT = "learned_clip_fake_quant (4-bit QAT)", PTQ = "4-bit after training (no QAT)";

  FakeQuantDemo() {
    super("learned_clip_fake_quant",
        List.of("learned_clip_fake_quant"),
        "weight_reg",
        "4-bit QAT with learned clipping vs float32, digits MLP",
        "embedded digits (1437/360 split); MLP 64-256-10 (ReLU); Adam lr 1e-3, batch 64, 30 epochs, the same initial weights "
            + "and shuffling per seed. QAT: each Linear's input goes through a 4-bit LearnedClipFakeQuant (16 levels), clip values "
            + "trained with the weights, initial [0, 1] for the pixels and [0, 4] after the ReLU. The post-training row quantizes the "
            + "float32 model's layer inputs with the same initial clips. Smoke: 2 epochs on 256 examples.",
        Claim.of("Quantization-aware training with learned clip values at 4 bits stays within 1 point of float32 (paper 64)",
            Criterion.atLeast("test_accuracy", QAT, FP32, -0.01)));
  }

  static void quantize(Module model) {
    int[] k = {0};
    FakeQuantInput.wrapAll(model, Linear.class, () -> new LearnedClipFakeQuant(4, k[0]++ == 0 ? 1.0 : 4.0, 0.0));
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    WeightRegSetup.Data data = WeightRegSetup.digits(smoke ? 256 : 0);
    int epochs = smoke ? 2 : 30;
    DemoRun out = new DemoRun();
    for (String method : List.of(FP32, QAT)) {
      Module model = WeightRegSetup.mlp(seed, 256);
      if (method.equals(QAT)) quantize(model);
      WeightRegSetup.train(model, new Adam(model.parameters(), 1e-3), data.train(), epochs, seed, List.of(), null);
      out.metric(method, "test_accuracy", WeightRegSetup.accuracy(model, data.test()));
      if (method.equals(FP32)) {
        quantize(model);
        out.metric(PTQ, "test_accuracy", WeightRegSetup.accuracy(model, data.test()));
      }
    }
    return out;
  }
}
