package io.jgrad.cli.demo;

import java.util.List;

/** The demonstrations of the components that predate the registry: label_smoothing_ce and regression_losses_core. */
public final class ClassicDemos implements DemoProvider {
  @Override
  public List<Demo> demos() { return List.of(new LabelSmoothingDemo(), new RegressionLossesDemo()); }
}
