package io.jgrad.losses.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jgrad.autograd.GradGolden;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Objective;
import io.jgrad.tensor.Golden;
import io.jgrad.tensor.GoldenCase;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * regression_losses_core and label_smoothing_ce, built through the registry with each case's
 * parameters, against PyTorch 1.13 (tools/golden/gen_catalog_classic.py): values, gradients of
 * output and target, double backward where recorded, and the spec's reference values.
 */
class CatalogClassicGoldenTest {
  static final String FAMILY = "catalog/classic";

  /** The registry objective of {@code c} applied to (output, target); the batch's x is the output (unused by these losses). */
  static Tensor viaRegistry(GoldenCase c, List<Tensor> in) {
    Objective o = Catalog.create(c.op(), Objective.class, params(c));
    return o.loss(in.get(0), new Batch(in.get(0), in.get(1)));
  }

  static Map<String, Object> params(GoldenCase c) {
    Map<String, Object> m = new LinkedHashMap<>();
    JsonObject p = c.args().getAsJsonObject("params");
    for (Map.Entry<String, JsonElement> e : p.entrySet()) m.put(e.getKey(), e.getValue().getAsString());
    return m;
  }

  @TestFactory
  Stream<DynamicTest> golden() {
    Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> ops = new HashMap<>();
    ops.put("regression_losses_core", CatalogClassicGoldenTest::viaRegistry);
    ops.put("label_smoothing_ce", CatalogClassicGoldenTest::viaRegistry);
    return GradGolden.run(FAMILY, ops, 113);
  }

  /** The spec's reference values, as literals recorded in the cases (not only torch's outputs). */
  @Test
  void specReferenceValues() {
    List<String> checked = new ArrayList<>();
    for (GoldenCase c : Golden.load(FAMILY)) {
      if (!c.has("reference")) continue;
      JsonElement ref = c.args().get("reference");
      List<Double> expected = new ArrayList<>();
      if (ref.isJsonArray()) for (JsonElement e : ref.getAsJsonArray()) expected.add(e.getAsDouble());
      else expected.add(ref.getAsDouble());
      double[] got = viaRegistry(c, c.inputs()).toDoubleArray();
      assertEquals(expected.size(), got.length, c.id());
      for (int i = 0; i < got.length; i++) assertEquals(expected.get(i), got[i], 1e-8, c.id() + " element " + i);
      checked.add(c.id());
    }
    assertEquals(2, checked.size(), "reference cases: " + checked);
  }

  @Test
  void everyCaseNamesItsComponent() {
    List<GoldenCase> cases = Golden.load(FAMILY);
    assertTrue(cases.size() >= 113);
    for (GoldenCase c : cases) assertTrue(c.op().equals("regression_losses_core") || c.op().equals("label_smoothing_ce"), c.id());
  }
}
