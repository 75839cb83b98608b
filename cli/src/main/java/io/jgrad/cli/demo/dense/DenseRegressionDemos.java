package io.jgrad.cli.demo.dense;

import io.jgrad.cli.demo.Demo;
import io.jgrad.cli.demo.DemoProvider;
import java.util.List;

/** The demonstrations of the dense-prediction and regression family (docs/catalog/dense_regression.md). */
public final class DenseRegressionDemos implements DemoProvider {
  @Override
  public List<Demo> demos() {
    return List.of(new SegmentationDemo(), new QuantileDemo(), new RobustRegressionDemo(), new TotalVariationDemo(),
        new CutoutDemo(), new ProximalMatchingDemo(), new AggregateDemo(), new CalibrationDemo(), new LrQrDemo());
  }
}
