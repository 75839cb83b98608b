package io.jgrad.losses.procedure;

import io.jgrad.autograd.Grad;
import io.jgrad.losses.Losses;
import io.jgrad.nn.BatchNorm;
import io.jgrad.nn.BatchNorm1d;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.Tanh;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.optim.AdamW;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.train.Objective;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.GoldenCase;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The golden generator's model, optimizers and batches, built from a case's args and inputs. */
final class GoldenModels {
  private GoldenModels() {}

  static final Objective CE = Objective.of(Losses::crossEntropy);

  /** Linear(in, h), [BatchNorm1d(h)], Tanh, Linear(h, out) in float64, weights from {@code flat}. */
  static Sequential mlp(int[] arch, boolean bn, Tensor flat) {
    Sequential m = Module.withDType(DType.FLOAT64, () -> {
      Generator g = new Generator(1);
      Sequential s = new Sequential(new Linear(arch[0], arch[1], true, g));
      if (bn) s.add(new BatchNorm1d(arch[1]));
      s.add(new Tanh());
      s.add(new Linear(arch[1], arch[2], true, g));
      return s;
    });
    if (flat != null) load(m, flat);
    return m;
  }

  static Sequential mlp(GoldenCase c, Tensor flat) {
    return mlp(c.intsArg("arch"), c.boolArg("bn"), flat);
  }

  static void load(Module m, Tensor flat) {
    try (var off = Grad.disabled()) {
      int at = 0;
      for (Tensor p : m.parameters()) {
        p.copyFrom(flat.narrow(0, at, p.numel()).reshape(p.shape()));
        at += p.numel();
      }
      if (at != flat.numel()) throw new IllegalStateException("flat parameters: " + flat.numel() + " values for " + at);
    }
  }

  static Tensor flat(Module m) {
    List<Tensor> ps = new ArrayList<>();
    for (Tensor p : m.parameters()) ps.add(p.detach().reshape(-1));
    return Tensor.cat(ps, 0);
  }

  static Tensor bnStats(Module m) {
    List<Tensor> ps = new ArrayList<>();
    for (Module x : m.namedModules().values()) {
      if (x instanceof BatchNorm b) {
        ps.add(b.runningMean().reshape(-1));
        ps.add(b.runningVar().reshape(-1));
      }
    }
    return ps.isEmpty() ? Tensor.zeros(DType.FLOAT64, 0) : Tensor.cat(ps, 0);
  }

  static Optimizer optimizer(GoldenCase c, Module m) {
    String kind = c.stringArg("optimizer");
    double lr = c.doubleArg("lr");
    return switch (kind) {
      case "sgd" -> new SGD(m.parameters(), lr, Map.of("momentum", c.doubleArg("momentum", 0), "weightDecay",
          c.doubleArg("weight_decay", 0)));
      case "adamw" -> new AdamW(m.parameters(), lr, Map.of("weightDecay", c.doubleArg("weight_decay", 0.01)));
      default -> throw new IllegalArgumentException("golden optimizer " + kind);
    };
  }

  /** The case's micro-batches: X [nb, B, in], Y [nb, B]. */
  static List<Batch> batches(GoldenCase c) {
    Tensor x = c.input(0), y = c.input(1);
    List<Batch> out = new ArrayList<>();
    for (int i = 0; i < x.size(0); i++) out.add(new Batch(x.select(0, i).contiguous(), y.select(0, i).contiguous()));
    return out;
  }
}
