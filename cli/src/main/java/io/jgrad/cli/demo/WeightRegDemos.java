package io.jgrad.cli.demo;

import java.util.List;

/** The demonstrations of the weight, spectral, sparsity and quantization regularizers (docs/catalog/weight_reg.md). */
public final class WeightRegDemos implements DemoProvider {
  @Override
  public List<Demo> demos() {
    return List.of(new NuclearNormDemo(), new SparsityDemo(), new FakeQuantDemo(), new ContinualDemo(),
        new OrthogonalityDemo(OrthogonalityDemo.GOR), new OrthogonalityDemo(OrthogonalityDemo.MHE), new WeightMomentDemo(), new UnfoldedIstaDemo(), new CauchySchwarzDemo(), new BitwiseWeightDemo(),
        new NormLossDemo());
  }
}
