package io.jgrad.losses.catalog;

import static org.junit.jupiter.api.Assertions.*;

import io.jgrad.nn.optim.AdamW;
import io.jgrad.nn.optim.LrScheduler;
import io.jgrad.nn.optim.OneCycleLR;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.optim.ParamGroup;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.optim.SGDW;
import io.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry rows of adamw (variants adamw, sgdw) and one_cycle_schedule: parameters reach the objects they build. */
class OptimizationEntriesTest {
  private static List<Tensor> params() { return List.of(Tensor.zeros(3).requiresGrad(true)); }

  @Test
  void adamwBuildsAdamWOrSgdwWithTheSpecsDefaultsAndNames() {
    Optimizer a = Catalog.create("adamw", OptimizerFactory.class).create(params());
    assertInstanceOf(AdamW.class, a);
    ParamGroup g = a.paramGroups().get(0);
    assertEquals(1e-3, g.lr());
    assertEquals(0.01, g.get("weightDecay"));
    assertEquals(0.999, g.get("beta2"));
    Optimizer a2 = Catalog.create("adamw:lr=0.05,beta1=0.8,weight_decay=0.1,amsgrad=true", OptimizerFactory.class).create(params());
    assertEquals(0.05, a2.getLr(0));
    assertEquals(0.8, a2.paramGroups().get(0).get("beta1"));
    assertTrue(a2.paramGroups().get(0).flag("amsgrad"));

    Optimizer s = Catalog.create("adamw:variant=sgdw,lr=0.1,momentum=0.5,weight_decay=5e-4,nesterov=true", OptimizerFactory.class)
        .create(params());
    assertInstanceOf(SGDW.class, s);
    assertEquals(0.5, s.paramGroups().get(0).get("momentum"));
    assertEquals(5e-4, s.paramGroups().get(0).get("weightDecay"));
    assertEquals(0.1, s.paramGroups().get(0).get("initialLr"));
    assertEquals(Kind.OPTIMIZER, Catalog.get("adamw").kind());
    assertEquals(56, Catalog.get("adamw").paper());
  }

  @Test
  void badAdamwParametersNameTheComponent() {
    var e = assertThrows(IllegalArgumentException.class, () -> Catalog.create("adamw:variant=lamb", OptimizerFactory.class));
    assertEquals("adamw: variant must be adamw or sgdw, got 'lamb'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Catalog.create("adamw:weight_decay=-1", OptimizerFactory.class));
    assertEquals("adamw: weight_decay must be >= 0, got -1.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Catalog.create("adamw:gamma=2", OptimizerFactory.class));
    assertTrue(e.getMessage().startsWith("adamw: unknown parameter 'gamma' (valid: variant, lr,"), e.getMessage());
  }

  @Test
  void oneCycleScheduleTakesPerGroupMaxLrAndThreePhases() {
    List<ParamGroup> gs = List.of(new ParamGroup(params()), new ParamGroup(params()));
    SGD opt = new SGD(0.1, gs);
    for (ParamGroup g : gs) g.set("momentum", 0.9);
    ScheduleFactory f = Catalog.create("one_cycle_schedule:max_lr=0.5;0.05,three_phase=true,anneal_strategy=linear", ScheduleFactory.class);
    LrScheduler s = f.create(opt, 20);
    assertInstanceOf(OneCycleLR.class, s);
    assertArrayEquals(new double[] {0.5 / 25, 0.05 / 25}, s.getLastLr(), 1e-15);
    for (int i = 0; i < 5; i++) s.step(); // pct_start * 20 - 1 = 5: the peak
    assertArrayEquals(new double[] {0.5, 0.05}, s.getLastLr(), 1e-15);
    for (int i = 0; i < 5; i++) s.step(); // 2 * 0.3 * 20 - 2 = 10: back to the initial lr (three phases)
    assertArrayEquals(new double[] {0.5 / 25, 0.05 / 25}, s.getLastLr(), 1e-15);
    assertEquals(0.95, opt.paramGroups().get(0).get("momentum"), 1e-15);
    assertEquals(Kind.SCHEDULE, Catalog.get("one_cycle_schedule").kind());
  }

  @Test
  void oneCycleWithoutMaxLrPeaksAtEachGroupsLr() {
    List<ParamGroup> gs = List.of(new ParamGroup(params()).set("lr", 0.3), new ParamGroup(params()).set("lr", 0.03));
    SGD opt = new SGD(0.1, gs);
    LrScheduler s = Catalog.create("one_cycle_schedule:cycle_momentum=false", ScheduleFactory.class).create(opt, 10);
    assertArrayEquals(new double[] {0.3 / 25, 0.03 / 25}, s.getLastLr(), 1e-15);
    for (int i = 0; i < 2; i++) s.step(); // pct_start * 10 - 1 = 2: the peak
    assertArrayEquals(new double[] {0.3, 0.03}, s.getLastLr(), 1e-15);
  }

  @Test
  void badOneCycleParametersNameTheComponent() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Catalog.create("one_cycle_schedule:max_lr=1,anneal_strategy=exp", ScheduleFactory.class));
    assertEquals("one_cycle_schedule: anneal_strategy must be cos or linear, got 'exp'", e.getMessage());
    ScheduleFactory f = Catalog.create("one_cycle_schedule:max_lr=1", ScheduleFactory.class);
    e = assertThrows(IllegalArgumentException.class, () -> f.create(new SGD(params(), 0.1), 0));
    assertTrue(e.getMessage().contains("one_cycle_schedule: totalSteps must be in [1,"), e.getMessage());
    ScheduleFactory three = Catalog.create("one_cycle_schedule:max_lr=1;2;3", ScheduleFactory.class);
    e = assertThrows(IllegalArgumentException.class, () -> three.create(new SGD(0.1, List.of(new ParamGroup(params()), new ParamGroup(params()))), 5));
    assertTrue(e.getMessage().contains("expected 1 or 2 maxLr values (one per parameter group), got 3"), e.getMessage());
  }
}
