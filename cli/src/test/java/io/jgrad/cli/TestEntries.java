package io.jgrad.cli;

import io.jgrad.losses.catalog.CatalogEntries;
import io.jgrad.losses.catalog.Component;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.losses.catalog.ParamSpec;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only registry entries (extras, not catalog components) that count their calls, so the
 * CLI's --regularizer and --procedure wiring into the Trainer is checked end to end.
 */
public final class TestEntries implements CatalogEntries {
  static final AtomicInteger PENALTIES = new AtomicInteger(), AFTER_STEPS = new AtomicInteger(), STEPS = new AtomicInteger();

  @Override
  public List<Component> entries() {
    return List.of(
        Component.extra("test_l2", Kind.REGULARIZER, "TestEntries", List.of(ParamSpec.of("weight", 0.01, "the penalty's weight (>= 0)")),
            p -> {
              double w = p.d("weight");
              if (w < 0) throw new IllegalArgumentException("test_l2: weight must be >= 0, got " + w);
              return new Regularizer() {
                @Override
                public Tensor penalty(Module model, Batch batch, Tensor output) {
                  PENALTIES.incrementAndGet();
                  Tensor sum = null;
                  for (Tensor t : model.parameters()) sum = sum == null ? t.mul(t).sum() : sum.add(t.mul(t).sum());
                  return sum.mul(w);
                }

                @Override
                public void afterStep(Module model, Optimizer optimizer) { AFTER_STEPS.incrementAndGet(); }
              };
            }),
        Component.extra("test_step", Kind.PROCEDURE, "TestEntries", List.of(), p -> (TrainStep) ctx -> {
          STEPS.incrementAndGet();
          return TrainStep.STANDARD.run(ctx);
        }));
  }
}
