package io.jgrad.losses.reg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.losses.Reduction;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.catalog.Component;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.nn.BatchNorm1d;
import io.jgrad.nn.Conv2d;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.LayerNorm;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Parametrization;
import io.jgrad.nn.Parametrize;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Linalg;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Regularizers on whole models: the selection, the registry rows and their values against the per-tensor functions. */
class WeightRegularizerModelTest {
  static Sequential mlp() {
    return Module.withDType(DType.FLOAT64, () -> new Sequential(new Linear(6, 5, true, new Generator(1)), new BatchNorm1d(5),
        new ReLU(), new Linear(5, 4, true, new Generator(2)), new LayerNorm(4), new Linear(4, 3, false, new Generator(3))));
  }

  static Sequential cnn() {
    return Module.withDType(DType.FLOAT64, () -> new Sequential(new Conv2d(1, 8, new int[] {3, 3}, new int[] {1, 1}, new int[] {0, 0},
        new int[] {1, 1}, 1, true, new Generator(4)), new ReLU(), new Flatten(), new Linear(8 * 4, 3, true, new Generator(5))));
  }

  static List<String> names(List<ParamSelector.Selected> s) { return s.stream().map(ParamSelector.Selected::name).toList(); }

  static void close(double want, Tensor got, double tol) { assertEquals(want, got.item(), tol * Math.max(1, Math.abs(want))); }

  @Test
  void defaultSelectionIsLinearAndConvWeightsOnly() {
    assertEquals(List.of("0.weight", "3.weight", "5.weight"), names(ParamSelector.weights().select(mlp())));
    assertEquals(List.of("0.weight", "3.weight"), names(ParamSelector.weights().select(cnn())));
    assertEquals(List.of("0.weight"), names(ParamSelector.parse("x", "layers:Conv2d").select(cnn())));
    assertEquals(List.of("0.bias", "1.bias", "3.bias", "4.bias"), names(ParamSelector.parse("x", "names:.*bias").select(mlp())));
    assertEquals(mlp().parameters().size(), ParamSelector.parse("x", "all").select(mlp()).size());
    assertEquals(List.of("0.weight", "5.weight"), names(ParamSelector.weights().excluding("3\\..*").select(mlp())));
  }

  @Test
  void parametrizedWeightsContributeTheirOriginal() {
    Sequential m = mlp();
    Linear first = (Linear) m.get(0);
    Tensor w = first.weight();
    Parametrize.register(first, "weight", Parametrization.of("tanh", Tensor::tanh));
    List<ParamSelector.Selected> s = ParamSelector.weights().select(m);
    assertEquals("0.parametrizations.weight.original", s.get(0).name());
    assertSame(w, s.get(0).tensor());
    assertSame(first, s.get(0).layer());
  }

  @Test
  void selectionErrorsNameTheComponent() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParamSelector.parse("mhe_reg", "layers:Dense"));
    assertTrue(e.getMessage().contains("mhe_reg") && e.getMessage().contains("Dense"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ParamSelector.parse("mhe_reg", "everything"));
    assertTrue(e.getMessage().contains("'everything'"), e.getMessage());
    Regularizer r = Catalog.create("nuclear_norm_regularizer:select=layers:Conv2d", Regularizer.class);
    e = assertThrows(IllegalArgumentException.class, () -> r.penalty(mlp(), null, null));
    assertTrue(e.getMessage().contains("nuclear_norm_regularizer") && e.getMessage().contains("matches no tensor"), e.getMessage());
  }

  /** Every registry row builds with its defaults, as the kind it declares. */
  @Test
  void registryRowsBuildWithTheirDefaults() {
    List<String> ids = new ArrayList<>();
    for (Component c : Catalog.all()) {
      if (!c.where().contains("losses.reg") && !c.where().contains("WeightRegularizer") && !c.where().contains("procedure.ArtSchedule")
          && !c.where().contains("ProgressiveSubnet") && !c.where().contains("io.jgrad.nn.")) continue;
      Object o = c.create(c.parse(""));
      Class<?> want = switch (c.kind()) {
        case REGULARIZER -> Regularizer.class;
        case PROCEDURE -> TrainStep.class;
        case LAYER -> Module.class;
        default -> Object.class;
      };
      assertInstanceOf(want, o, c.id());
      ids.add(c.id());
    }
    for (String id : List.of("nuclear_norm_regularizer", "spectral_sigma_reg", "wasserstein_init_reg", "norm_loss", "hypersparse_reg",
        "cauchy_schwarz_reg", "mhe_reg", "weight_moment_regularizer", "group_orthogonality_regularizer",
        "parameter_repulsion_regularizer", "soft_threshold", "proximal_l1_step", "lobster_sensitivity_decay", "art_schedule",
        "learned_clip_fake_quant", "bitwise_weight_layer", "progressive_subnet_distillation", "weight_conditioning")) {
      assertTrue(ids.contains(id), id + " missing from " + ids);
    }
    // blocked: no formula could be read, so nothing is registered
    assertFalse(Catalog.contains("weight_compander"));
    assertFalse(Catalog.contains("relevance_selective_decay"));
    assertEquals(Kind.PROCEDURE, Catalog.get("art_schedule").kind());
  }

  @Test
  void badParametersNameComponentParameterAndValue() {
    String[][] bad = {
        {"spectral_sigma_reg:k=-1", "k must be > 0, got -1.0"},
        {"hypersparse_reg:prune_rate=1.5", "prune_rate must be in [0, 1), got 1.5"},
        {"cauchy_schwarz_reg:variant=quad", "variant must be one of"},
        {"cauchy_schwarz_reg:granularity=filter", "granularity must be one of [channel, kernel, layer], got 'filter'"},
        {"cauchy_schwarz_reg:normalization=mean", "normalization must be one of [elenum, zero_norm, none], got 'mean'"},
        {"mhe_reg:power=3", "power must be one of"},
        {"group_orthogonality_regularizer:mode=cross", "mode must be inter, intra or both, got 'cross'"},
        {"parameter_repulsion_regularizer:loss_type=cube", "loss_type must be one of"},
        {"lobster_sensitivity_decay:lambda=-1", "lambda must be >= 0, got -1.0"},
        {"art_schedule:eta=0.5", "eta must be >= 1, got 0.5"},
        {"learned_clip_fake_quant:clip_val=1,clip_valn=2", "clip_val must be > clip_valn"},
        {"bitwise_weight_layer:bits=1", "bits must be in 2..24, got 1"},
        {"progressive_subnet_distillation:alpha=2", "alpha must be in [0, 1], got 2.0"},
        {"weight_conditioning:mode=diag", "mode must be one of"},
        {"norm_loss:lambda=-2", "coefficient must be finite and >= 0, got -2.0"},
        {"wasserstein_init_reg:reduction=none", "reduction must be mean or sum, got none"}};
    for (String[] b : bad) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Catalog.create(b[0], Object.class), b[0]);
      String id = b[0].substring(0, b[0].indexOf(':'));
      assertTrue(e.getMessage().startsWith(id + ": ") && e.getMessage().contains(b[1]), b[0] + " -> " + e.getMessage());
    }
  }

  @Test
  void modelPenaltiesAreTheLayerSumsTimesTheCoefficient() {
    Sequential m = mlp();
    List<Tensor> ws = ParamSelector.weights().select(m).stream().map(ParamSelector.Selected::tensor).toList();
    double nuc = 0, cs = 0, norm = 0;
    for (Tensor w : ws) {
      nuc += Linalg.svdvals(w).sum().item();
      cs += QuantizationRegularizers.cauchySchwarz(w, "ter", false).item() / w.numel();
      norm += OrthogonalityRegularizers.normLoss(w, Reduction.MEAN).item();
    }
    close(0.3 * nuc, Catalog.create("nuclear_norm_regularizer:lambda=0.3", Regularizer.class).penalty(m, null, null), 1e-12);
    close(0.2 * cs, Catalog.create("cauchy_schwarz_reg:lambda=0.2,variant=ter", Regularizer.class).penalty(m, null, null), 1e-12);
    close(0.1 * norm, Catalog.create("norm_loss:lambda=0.1,reduction=mean", Regularizer.class).penalty(m, null, null), 1e-12);
    // MHE: the last selected layer is the output layer (x10 for s = 2 in the reference)
    double mhe = OrthogonalityRegularizers.mhe(ws.get(0), "2", false, 1e-4).item() + OrthogonalityRegularizers.mhe(ws.get(1), "2", false, 1e-4).item()
        + 10 * OrthogonalityRegularizers.mhe(ws.get(2), "2", false, 1e-4).item();
    close(0.5 * mhe, Catalog.create("mhe_reg:lambda=0.5", Regularizer.class).penalty(m, null, null), 1e-12);
    // WDR drops the first layer
    double wdr = QuantizationRegularizers.weightMoments(ws.subList(1, 3), 0.015, 1, 1.8, 0, false).item();
    close(wdr, Catalog.create("weight_moment_regularizer", Regularizer.class).penalty(m, null, null), 1e-12);
    // GOR on the conv layer only, by default
    Sequential c = cnn();
    Tensor conv = ((Conv2d) c.get(0)).weight();
    close(0.01 * OrthogonalityRegularizers.gor(conv, 32, 4, "inter").item(),
        Catalog.create("group_orthogonality_regularizer", Regularizer.class).penalty(c, null, null), 1e-12);
    // a zero coefficient adds nothing
    assertNull(Catalog.create("nuclear_norm_regularizer:lambda=0", Regularizer.class).penalty(m, null, null));
  }

  /** dHS/dw_i = sign(w_i) ||w||_1 s (1 - t_i^2) / sum t over all selected weights together (HyperSparse's grad_HS_loss). */
  @Test
  void hyperSparseGradientIsTheClosedForm() {
    Sequential m = mlp();
    Regularizer hs = Catalog.create("hypersparse_reg:lambda=1,prune_rate=0.8", Regularizer.class);
    Tensor p = hs.penalty(m, null, null);
    assertEquals(0, p.item(), 1e-12);
    p.backward();
    List<Tensor> ws = ParamSelector.weights().select(m).stream().map(ParamSelector.Selected::tensor).toList();
    List<Double> all = new ArrayList<>();
    for (Tensor w : ws) for (double v : w.toDoubleArray()) all.add(Math.abs(v));
    List<Double> sorted = new ArrayList<>(all);
    sorted.sort(null);
    double s = 0.6585 / sorted.get((int) Math.floor(0.8 * sorted.size()));
    double l1 = 0, tsum = 0;
    for (double a : all) {
      l1 += a;
      tsum += Math.tanh(s * a);
    }
    for (Tensor w : ws) {
      double[] v = w.toDoubleArray(), g = w.grad().toDoubleArray();
      for (int i = 0; i < v.length; i++) {
        double t = Math.tanh(s * Math.abs(v[i]));
        assertEquals(Math.signum(v[i]) * l1 * s * (1 - t * t) / tsum, g[i], 1e-10);
      }
    }
    // biases get nothing
    assertNull(((Linear) m.get(0)).bias().grad());
  }

  @Test
  void spectralRegularizerKeepsItsVectorsAndConverges() {
    Sequential m = mlp();
    SpectralSigmaReg r = new SpectralSigmaReg(1.0, 2.0, false, 1, 7, ParamSelector.weights());
    for (int i = 0; i < 60; i++) r.penalty(m, null, null);
    assertEquals(List.of("u0", "u1", "u2"), new ArrayList<>(r.stateDict().keySet()));
    List<Tensor> ws = ParamSelector.weights().select(m).stream().map(ParamSelector.Selected::tensor).toList();
    double want = 0;
    for (Tensor w : ws) want += SpectralSigmaReg.term(Linalg.svdvals(w).max(), 2.0).item();
    close(want, r.value(m), 1e-6);
    // the bias term
    SpectralSigmaReg withBias = new SpectralSigmaReg(1.0, 2.0, true, 1, 7, ParamSelector.weights());
    double bias = Math.pow(((Linear) m.get(0)).bias().norm().item(), 4) + Math.pow(((Linear) m.get(3)).bias().norm().item(), 4);
    for (int i = 0; i < 60; i++) withBias.value(m);
    close(want + bias, withBias.value(m), 1e-6);
  }

  @Test
  void wassersteinIsZeroAtInitAndForAnyPermutation() {
    Sequential m = mlp();
    WassersteinInitReg r = new WassersteinInitReg(1.0, Reduction.MEAN, ParamSelector.weights());
    assertEquals(0, r.value(m).item(), 0);
    Tensor w = ((Linear) m.get(0)).weight();
    double[] v = w.toDoubleArray();
    double[] rev = new double[v.length];
    for (int i = 0; i < v.length; i++) rev[i] = v[v.length - 1 - i];
    try (var off = io.jgrad.autograd.Grad.disabled()) {
      w.copyFrom(Tensor.fromArray(rev, w.shape()));
    }
    assertEquals(0, r.value(m).item(), 1e-15, "a permutation of the initial weights costs nothing");
    try (var off = io.jgrad.autograd.Grad.disabled()) {
      w.mulInPlace(2);
    }
    close(WassersteinInitReg.wasserstein(w, Tensor.fromArray(v, w.shape()), Reduction.MEAN).item(), r.value(m), 1e-12);
    assertEquals(3, r.stateDict().size());
  }

  @Test
  void parameterRepulsionFromAGivenSnapshot() {
    Sequential m = mlp(), negative = mlp();
    try (var off = io.jgrad.autograd.Grad.disabled()) {
      for (Tensor p : negative.parameters()) p.addInPlace(0.1);
    }
    Map<String, Tensor> neg = negative.stateDict();
    ParameterRepulsion r = new ParameterRepulsion(1.2, "l2", neg, ParamSelector.weights());
    Tensor p = r.penalty(m, null, null);
    // each selected weight differs by exactly 0.1 everywhere: d = 0.01
    close(-1.2 * 0.01, p, 1e-9);
    p.backward();
    assertNotNull(((Linear) m.get(0)).weight().grad());
  }
}
