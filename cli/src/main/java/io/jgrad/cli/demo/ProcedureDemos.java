package io.jgrad.cli.demo;

import java.util.List;

/** The demonstrations of the sharpness-aware, adversarial and input-gradient family (docs/catalog/procedures.md). */
public final class ProcedureDemos implements DemoProvider {
  @Override
  public List<Demo> demos() {
    return List.of(new SharpnessDemo(), new VatDemo(), new FloodingDemo(), new GradientPenaltyDemo(), new JacobianDemo(),
        new ElleDemo(), new RobustTrainingDemo(), new VatAdversarialDemo());
  }
}
