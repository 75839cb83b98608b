package io.jgrad.spark;

import io.jgrad.autograd.Grad;
import io.jgrad.losses.catalog.CatalogEntries;
import io.jgrad.losses.catalog.Component;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.losses.catalog.ParamSpec;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only registry entries: {@code test_l1} (lambda times the sum of |w|) and {@code test_sam}, sharpness-aware minimisation (Foret et al.
 * 2021) written against the StepContext contract: ascend to {@code w + rho g / ||g||} with the
 * first pass's gradient, take the gradient there, restore w exactly, step. Two backward passes
 * per batch, the first of which decides the perturbation: what a data-parallel wrapper must
 * average for the run to equal single-process training on the joint batch.
 */
public final class TestEntries implements CatalogEntries {
  @Override
  public List<Component> entries() {
    return List.of(Component.extra("test_l1", Kind.REGULARIZER, "TestEntries", List.of(ParamSpec.of("weight", 1e-4, "lambda")), p -> {
      double w = p.d("weight");
      return new io.jgrad.nn.train.Regularizer() {
        @Override
        public Tensor penalty(io.jgrad.nn.Module model, io.jgrad.nn.data.Batch batch, Tensor output) {
          Tensor sum = null;
          for (Tensor t : model.parameters()) sum = sum == null ? t.abs().sum() : sum.add(t.abs().sum());
          return sum.mul(w);
        }
      };
    }), Component.extra("test_sam", Kind.PROCEDURE, "TestEntries", List.of(ParamSpec.of("rho", 0.05, "radius")), p -> {
      double rho = p.d("rho");
      return (TrainStep) ctx -> {
        Tensor out = ctx.forward(ctx.batch().x());
        Tensor loss = ctx.loss(out, ctx.batch());
        ctx.backward(loss);
        List<Tensor> ps = ctx.model().parameters();
        List<Tensor> eps = new ArrayList<>();
        try (var off = Grad.disabled()) {
          Tensor sq = null;
          for (Tensor w : ps) {
            Tensor s = w.grad().mul(w.grad()).sum();
            sq = sq == null ? s : sq.add(s);
          }
          double norm = Math.sqrt(sq.item());
          for (Tensor w : ps) {
            Tensor e = w.grad().mul(rho / (norm + 1e-12));
            w.addInPlace(e);
            eps.add(e);
          }
        }
        ctx.zeroGrad();
        ctx.backward(ctx.loss(ctx.forward(ctx.batch().x()), ctx.batch()));
        try (var off = Grad.disabled()) {
          for (int i = 0; i < ps.size(); i++) ps.get(i).subInPlace(eps.get(i));
        }
        ctx.step();
        return loss;
      };
    }));
  }
}
