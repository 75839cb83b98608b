package io.jgrad.cli.demo;

import java.util.List;

/** The demonstrations of the classification, calibration and noisy-label family (docs/catalog/classification.md). */
public final class ClassificationDemos implements DemoProvider {
  @Override
  public List<Demo> demos() {
    return List.of(new FocalDemo(), new SparsemaxDemo(), new CalibrationDemo(), new NoisyLabelDemo(), new AnyLossDemo(),
        new SpectralDecouplingDemo(), new ZLossDemo(), new EntropyMinDemo(), new NestedDropoutDemo(), new EnsLossDemo(), new LegendreTronDemo());
  }
}
