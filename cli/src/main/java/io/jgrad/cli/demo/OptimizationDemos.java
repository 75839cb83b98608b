package io.jgrad.cli.demo;

import java.util.List;

/** The demonstrations of the optimizers and learning-rate schedules (docs/catalog/optimization.md). */
public final class OptimizationDemos implements DemoProvider {
  @Override
  public List<Demo> demos() { return List.of(new AdamWDemo(), new SgdwDemo(), new OneCycleDemo()); }
}
