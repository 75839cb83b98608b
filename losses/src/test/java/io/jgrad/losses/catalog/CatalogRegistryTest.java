package io.jgrad.losses.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.losses.Losses;
import io.jgrad.losses.Reduction;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Objective;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Creating components by id: parameters, defaults, the recorded spec, and every error message. */
class CatalogRegistryTest {
  static String error(Runnable r) { return assertThrows(IllegalArgumentException.class, r::run).getMessage(); }

  @Test
  void specsRoundTrip() {
    for (Component c : Catalog.all()) {
      Params d = c.defaults();
      Params back = Catalog.resolve(d.spec(), c.kind());
      assertEquals(d.spec(), back.spec(), c.id());
      assertTrue(Catalog.create(back, Object.class) != null);
    }
    assertEquals("label_smoothing_ce:label_smoothing=0.2,ignore_index=-100,reduction=sum",
        Catalog.resolve("label_smoothing_ce:reduction=SUM,label_smoothing=0.2", Kind.LOSS).spec());
    assertEquals("cross_entropy:label_smoothing=0.0,weight=1.0;2.5,ignore_index=-100,reduction=mean",
        Catalog.resolve("cross_entropy:weight=1;2.5", null).spec());
  }

  @Test
  void unknownIdsNameTheValidOnes() {
    String m = error(() -> Catalog.resolve("label_smoothing", Kind.LOSS));
    assertTrue(m.startsWith("unknown loss 'label_smoothing' (did you mean 'label_smoothing_ce'?); valid: "), m);
    for (String id : List.of("bce", "bce_with_logits", "cross_entropy")) assertTrue(m.contains(" " + id + ","), m);
    assertTrue(m.contains("regression_losses_core"), m);
    m = error(() -> Catalog.resolve("mes", Kind.LOSS));
    assertTrue(m.startsWith("unknown loss 'mes' (did you mean 'mse'?)"), m);
    m = error(() -> Catalog.resolve("zzzzzzzzzz", null));
    assertTrue(m.startsWith("unknown component 'zzzzzzzzzz'; valid: "), m);
    m = error(() -> Catalog.resolve("l2", Kind.REGULARIZER));
    assertTrue(m.startsWith("unknown regularizer 'l2'; valid: ") && !m.contains("label_smoothing_ce"), m);
    m = error(() -> Catalog.resolve("weight_compander", null));
    assertTrue(m.startsWith("layer 'weight_compander' is in the catalog but not implemented yet (blocked; see bin/jgrad catalog "
        + "show weight_compander); valid: "), m);
    assertEquals("'mse' is a loss, not a regularizer", error(() -> Catalog.resolve("mse", Kind.REGULARIZER)));
    assertEquals("catalog: empty component spec", error(() -> Catalog.resolve(" ", Kind.LOSS)));
  }

  @Test
  void badParametersNameTheComponentParameterAndValue() {
    assertEquals("label_smoothing_ce: unknown parameter 'eps' (valid: label_smoothing, ignore_index, reduction)",
        error(() -> Catalog.create("label_smoothing_ce:eps=0.1", Kind.LOSS, Objective.class)));
    assertEquals("label_smoothing_ce: parameter 'label_smoothing' expects a double, got 'abc'",
        error(() -> Catalog.create("label_smoothing_ce:label_smoothing=abc", Kind.LOSS, Objective.class)));
    assertEquals("label_smoothing_ce: label_smoothing must be in [0, 1], got 1.5",
        error(() -> Catalog.create("label_smoothing_ce:label_smoothing=1.5", Kind.LOSS, Objective.class)));
    assertEquals("label_smoothing_ce: expected name=value, got 'label_smoothing'",
        error(() -> Catalog.create("label_smoothing_ce:label_smoothing", Kind.LOSS, Objective.class)));
    assertEquals("label_smoothing_ce: parameter 'reduction' given twice",
        error(() -> Catalog.create("label_smoothing_ce:reduction=sum,reduction=mean", Kind.LOSS, Objective.class)));
    assertEquals("label_smoothing_ce: parameter 'reduction' expects none, mean or sum, got 'avg'",
        error(() -> Catalog.create("label_smoothing_ce:reduction=avg", Kind.LOSS, Objective.class)));
    assertEquals("regression_losses_core: form must be one of mse, l1, huber, smooth_l1, got 'l3'",
        error(() -> Catalog.create("regression_losses_core:form=l3", Kind.LOSS, Objective.class)));
    assertEquals("regression_losses_core: delta must be > 0, got 0.0",
        error(() -> Catalog.create("regression_losses_core:form=huber,delta=0", Kind.LOSS, Objective.class)));
    assertEquals("regression_losses_core: beta must be >= 0, got -1.0",
        error(() -> Catalog.create("regression_losses_core:beta=-1", Kind.LOSS, Objective.class)));
    assertEquals("huber: delta must be > 0, got -2.0", error(() -> Catalog.create("huber:delta=-2", Kind.LOSS, Objective.class)));
    assertEquals("cross_entropy: parameter 'weight' expects a list of numbers separated by ';', got '1;x'",
        error(() -> Catalog.create("cross_entropy:weight=1;x", Kind.LOSS, Objective.class)));
    assertEquals("functional_fisher_information_regularizer: split entries must be whole numbers, got 1.5",
        error(() -> Catalog.create("functional_fisher_information_regularizer:split=1.5;2", Object.class)));
    assertEquals("progressive_subnet_distillation: bits entries must be whole numbers, got 4.5",
        error(() -> Catalog.create("progressive_subnet_distillation:bits=8;4.5", Object.class)));
  }

  @Test
  void shapeErrorsComeFromTheLoss() {
    Objective o = Catalog.create("regression_losses_core", Kind.LOSS, Objective.class);
    Tensor out = Tensor.zeros(3, 2);
    String m = error(() -> o.loss(out, new Batch(out, Tensor.zeros(3))));
    assertTrue(m.contains("[3, 2]") && m.contains("[3]"), m);
  }

  @Test
  void classicLossesAreExtrasUnderTheirTorchNames() {
    Map<String, BiFunction<Tensor, Tensor, Tensor>> direct = new LinkedHashMap<>();
    direct.put("cross_entropy", (o, y) -> Losses.crossEntropy(o, y));
    direct.put("nll", (o, y) -> Losses.nllLoss(o, y, null, -100, Reduction.MEAN));
    direct.put("bce", (o, y) -> Losses.binaryCrossEntropy(o, y, null, Reduction.MEAN));
    direct.put("bce_with_logits", (o, y) -> Losses.binaryCrossEntropyWithLogits(o, y, null, null, Reduction.MEAN));
    direct.put("mse", (o, y) -> Losses.mseLoss(o, y, Reduction.MEAN));
    direct.put("l1", (o, y) -> Losses.l1Loss(o, y, Reduction.MEAN));
    direct.put("huber", (o, y) -> Losses.huberLoss(o, y, Reduction.MEAN, 1.0));
    direct.put("smooth_l1", (o, y) -> Losses.smoothL1Loss(o, y, Reduction.MEAN, 1.0));
    direct.put("kl_div", (o, y) -> Losses.klDiv(o, y, Reduction.MEAN, false));
    direct.put("poisson_nll", (o, y) -> Losses.poissonNllLoss(o, y, true, false, 1e-8, Reduction.MEAN));
    direct.put("soft_margin", (o, y) -> Losses.softMarginLoss(o, y, Reduction.MEAN));
    direct.put("multilabel_soft_margin", (o, y) -> Losses.multilabelSoftMarginLoss(o, y, null, Reduction.MEAN));
    direct.put("multi_margin", (o, y) -> Losses.multiMarginLoss(o, y, 1, 1.0, null, Reduction.MEAN));
    direct.put("multilabel_margin", (o, y) -> Losses.multilabelMarginLoss(o, y, Reduction.MEAN));
    direct.put("hinge_embedding", (o, y) -> Losses.hingeEmbeddingLoss(o, y, 1.0, Reduction.MEAN));
    List<String> extras = Catalog.all().stream().filter(Component::extra).map(Component::id).sorted().toList();
    assertEquals(direct.keySet().stream().sorted().toList(), extras);
    Generator g = new Generator(3);
    Tensor x = Tensor.randn(g, 4, 3), cls = Tensor.of(new long[] {0, 2, 1, 2});
    Tensor probs = Tensor.rand(g, 4, 3).mul(0.8).add(0.1), binary = Tensor.rand(g, 4, 3).gt(0.5).to(x.dtype());
    Tensor signs = binary.mul(2).sub(1), multi = Tensor.of(new long[] {2, -1, 0, 0, 1, -1, 1, 0, 2, 2, -1, 0}).reshape(4, 3);
    for (String id : extras) {
      Tensor out = switch (id) {
        case "nll", "kl_div" -> x.logSoftmax(1);
        case "bce" -> probs;
        default -> x;
      };
      Tensor y = switch (id) {
        case "cross_entropy", "nll", "multi_margin" -> cls;
        case "bce", "bce_with_logits", "multilabel_soft_margin" -> binary;
        case "soft_margin", "hinge_embedding" -> signs;
        case "multilabel_margin" -> multi;
        case "kl_div" -> probs.softmax(1);
        default -> probs;
      };
      Component c = Catalog.get(id);
      assertTrue(c.extra() && c.paper() == 0 && c.kind() == Kind.LOSS, id);
      assertFalse(Catalog.components().contains(c), id);
      double got = Catalog.create(id, Kind.LOSS, Objective.class).loss(out, new Batch(x, y)).item();
      assertEquals(direct.get(id).apply(out, y).item(), got, 1e-7, id);
    }
  }

  @Test
  void weightsReachTheLoss() {
    Tensor x = Tensor.randn(new Generator(4), 3, 2), y = Tensor.of(new long[] {0, 1, 1});
    double got = Catalog.create("cross_entropy:weight=1;3,label_smoothing=0.1", Kind.LOSS, Objective.class).loss(x, new Batch(x, y)).item();
    assertEquals(Losses.crossEntropy(x, y, Tensor.of(1f, 3f), -100, Reduction.MEAN, 0.1).item(), got, 1e-7);
  }

  @Test
  void componentsValidateTheirDeclaration() {
    BiFunction<String, Integer, Component> mk = (id, paper) -> Component.done(id, Kind.LOSS, paper, "X#y", List.of(), p -> "o");
    assertEquals("Component: bad id 'Focal' (lower-case letters, digits and '_', starting with a letter)", error(() -> mk.apply("Focal", 1)));
    assertEquals("Component focal: a catalog component needs its paper number", error(() -> mk.apply("focal", 0)));
    assertEquals("Component focal: a PARTIAL component needs a note saying what it lacks",
        error(() -> Component.partial("focal", Kind.LOSS, 1, "X", List.of(), " ", p -> "o")));
    assertEquals("Component focal: parameter 'gamma' declared twice", error(() -> Component.done("focal", Kind.LOSS, 1, "X",
        List.of(ParamSpec.of("gamma", 2.0, ""), ParamSpec.of("gamma", 1.0, "")), p -> "o")));
    assertEquals("Component focal: an implemented component is DONE or PARTIAL, got PLANNED",
        error(() -> new Component("focal", Kind.LOSS, 1, "X", List.of(), Status.PLANNED, "", p -> "o")));
    Component nul = Component.done("focal", Kind.LOSS, 1, "X", List.of(), p -> null);
    assertEquals("focal: its factory returned null", assertThrows(IllegalStateException.class, () -> nul.create(nul.defaults())).getMessage());
    Component req = Component.done("focal", Kind.LOSS, 1, "X", List.of(ParamSpec.required("gamma", Double.class, "the focusing exponent")), p -> "o");
    assertEquals("focal: parameter 'gamma' is required (the focusing exponent)", error(req::defaults));
    assertEquals("label_smoothing_ce is a loss (" + Catalog.create("label_smoothing_ce", Object.class).getClass().getSimpleName()
        + "), not a String", error(() -> Catalog.create("label_smoothing_ce", String.class)));
  }
}
