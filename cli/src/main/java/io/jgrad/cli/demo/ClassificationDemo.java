package io.jgrad.cli.demo;

import io.jgrad.cli.demo.ClassificationData.Split;
import io.jgrad.cli.demo.ClassificationRuns.Recipe;
import io.jgrad.nn.Module;
import io.jgrad.nn.train.Callback;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The shared shape of the classification family's demonstrations: the description (family
 * "classification"), and {@link #trainAndMeasure}, which trains the same seeded MLP the same way
 * for every method and records the method's row.
 */
abstract class ClassificationDemo extends CatalogDemo {
  /** One method of a demo: how to build its objective, regularizers and callbacks, fresh per run. */
  record Method(String name, java.util.function.Supplier<Objective> objective, List<Regularizer> regularizers,
                Function<Objective, List<Callback>> callbacks) {
    static Method of(String name, java.util.function.Supplier<Objective> objective) {
      return new Method(name, objective, List.of(), o -> List.of());
    }
  }

  ClassificationDemo(String id, List<String> components, String title, String setup, Claim claim) {
    super(id, components, "classification", title, setup, claim);
  }

  /**
   * Trains a fresh {@code model} (built from the seed) with {@code m} on {@code s}, then adds the
   * row {@code measure(model outputs on the test set)} to {@code run}; returns the trained model.
   */
  static Module trainAndMeasure(DemoRun run, Method m, Module model, Split s, Recipe r, long seed,
                                Function<Tensor, Map<String, Double>> measure) {
    Objective o = m.objective().get();
    ClassificationRuns.train(model, s.train(), r, seed, o, m.regularizers(), m.callbacks().apply(o));
    run.row(m.name(), measure.apply(ClassificationRuns.outputs(model, s.xTest())));
    return model;
  }

  static Map<String, Double> row(Object... kv) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
    return m;
  }

  /** The first {@code n} training examples (the smoke variants' training set). */
  static Split head(Split s, int n) {
    int k = Math.min(n, s.trainSize());
    return new Split(s.xTrain().narrow(0, 0, k).contiguous(), s.yTrain().narrow(0, 0, k).contiguous(), s.xTest(), s.yTest());
  }
}
