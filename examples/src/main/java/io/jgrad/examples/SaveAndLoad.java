package io.jgrad.examples;

import io.jgrad.losses.Losses;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.io.Checkpoint;
import io.jgrad.nn.io.OptimizerStates;
import io.jgrad.nn.optim.Adam;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.optim.OptimizerState;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saving a model and its optimizer in one safetensors checkpoint and loading both into new
 * objects; training then continues exactly as if nothing had happened. The file opens in
 * PyTorch too: tools/checkpoint/jgrad_checkpoint.py (model.load_state_dict, optimizer.load_state_dict).
 */
public final class SaveAndLoad {
  static Module mlp() { return new Sequential(new Linear(4, 16), new ReLU(), new Linear(16, 3)); }

  static void step(Module model, Optimizer opt, Tensor x, Tensor y) {
    opt.zeroGrad();
    Losses.crossEntropy(model.forward(x), y).backward();
    opt.step();
  }

  public static void main(String[] args) throws IOException {
    Path file = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("jgrad").resolve("model.safetensors");
    Tensor.manualSeed(3);
    Tensor x = Tensor.randn(32, 4);
    Tensor y = Tensor.randint(0, 3, 32);
    Module model = mlp();
    Optimizer opt = new Adam(model.parameters(), 1e-2);
    for (int i = 0; i < 5; i++) step(model, opt, x, y);

    OptimizerState os = opt.stateDict();                     // exp_avg, exp_avg_sq: torch's names
    Generator g = Generator.defaultGenerator();
    new Checkpoint(model.stateDict(), OptimizerStates.tensors(os), 5, g.seed(), g.offset(), OptimizerStates.metadata(os))
        .save(file);
    System.out.println("saved " + file.getFileName() + ": model keys " + model.stateDict().keySet()
        + ", optimizer state of parameter 0: " + os.state().get(0).keySet());

    Module restored = mlp();                                 // fresh weights...
    Optimizer restoredOpt = new Adam(restored.parameters(), 1e-2);
    Checkpoint c = Checkpoint.load(file);
    c.loadInto(restored.stateDict());                        // ...replaced in place, names and shapes checked
    restoredOpt.loadStateDict(OptimizerStates.fromCheckpoint(c));
    System.out.println("same predictions after loading: "
        + model.forward(x).sub(restored.forward(x)).abs().max().item());

    step(model, opt, x, y);                                  // one more step on both
    step(restored, restoredOpt, x, y);
    System.out.println("same predictions after one more step: "
        + model.forward(x).sub(restored.forward(x)).abs().max().item());
  }
}
