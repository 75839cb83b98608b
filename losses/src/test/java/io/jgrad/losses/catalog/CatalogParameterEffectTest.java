package io.jgrad.losses.catalog;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every numeric and boolean parameter of every registered entry reaches what the entry does: built
 * by the registry with the parameter changed (a few values are tried in turn; those the component
 * rejects are skipped), the component's seeded run ({@link ComponentProbes}) gives other numbers
 * than with its default. A factory that drops a declared parameter fails here.
 *
 * <p>Some parameters act only under another setting (gamma_pos only in spectral decoupling's
 * per-class form): {@link #CONTEXT} sets it for both runs. Others cannot change the probe's
 * numbers by design: {@link #NO_EFFECT} says why, and the test checks that they indeed do not (so
 * the list cannot go stale). List parameters with an empty default (per-class weights) and string
 * parameters are not probed here; the goldens and the registry tests cover them.
 */
class CatalogParameterEffectTest {
  /** Settings under which a parameter ("id.param") or all of a component's ("id") are probed. */
  static final Map<String, String> CONTEXT = Map.ofEntries(
      Map.entry("acls_loss", "margin=1"),
      Map.entry("art_schedule", "warmup_epochs=0"),
      Map.entry("calibration_regularizer.soft_strength", "method=soft_quantile"),
      Map.entry("elle_reg.lambda", "adaptive=false"),
      Map.entry("elle_reg.epsilon", "adaptive=false"),
      Map.entry("elle_reg.seed", "adaptive=false"),
      Map.entry("elle_reg.decay_rate", "sensitivity=0"),
      Map.entry("elr_loss", "num_classes=5"),
      Map.entry("jacobian_frobenius_penalty.samples", "estimator=hutchinson"),
      Map.entry("jacobian_frobenius_penalty.seed", "estimator=hutchinson"),
      Map.entry("jacobian_frobenius_penalty.fd_sigma", "estimator=fd"),
      Map.entry("lawn", "warmup_epochs=0"),
      Map.entry("lawn.warmup_epochs", ""),
      Map.entry("lobster_sensitivity_decay.prune_every", "threshold=0.05"),
      Map.entry("lr_qr_threshold_fit", "steps=200"),
      Map.entry("pit_calibration_error.taus", "dist=quantiles"),
      Map.entry("poisson_nll.eps", "log_input=false"),
      Map.entry("proximal_matching_loss", "num_stages=4,num_steps=4"),
      Map.entry("proximal_matching_loss.num_steps_pretrain", "num_stages=2,num_steps=8"),
      Map.entry("regression_losses_core.delta", "form=huber"),
      Map.entry("regression_losses_core.beta", "form=smooth_l1"),
      Map.entry("regression_losses_ext.eps", "loss=mape"),
      Map.entry("regression_losses_ext.root_eps", "loss=rmse"),
      Map.entry("spectral_decoupling.gamma_pos", "per_class=true"),
      Map.entry("total_variation_loss.beta", "mode=isotropic"),
      Map.entry("total_variation_loss.eps", "mode=isotropic"),
      Map.entry("spectral_decoupling.gamma_neg", "per_class=true"),
      Map.entry("anyloss.beta", "metric=fbeta"),
      Map.entry("nested_dropout", "seed=1"),
      Map.entry("ensloss", "seed=1"),
      Map.entry("legendretron_link", "seed=1"),
      Map.entry("adamw.momentum", "variant=sgdw"),
      Map.entry("adamw.nesterov", "variant=sgdw"));

  /** Parameters ("id.param") that leave the probe's numbers unchanged, and why. */
  static final Map<String, String> NO_EFFECT = Map.ofEntries(
      Map.entry("art_schedule.size_model_buffer", "the width of the epoch-level accuracy buffer that ends ART's pruning phase: "
          + "decided at epoch ends, which a probe of a few steps does not reach (PostStepRegularizerTest follows the phases)"),
      Map.entry("adversarial_weight_perturbation.awp_lr", "the proxy's one plain SGD step d = awp_lr * g is normalized per "
          + "layer (v = gamma ||W|| d / ||d||), so its size cancels, as in the reference code (ProceduresGoldenTest replays it)"),
      Map.entry("art_schedule.eta", "the coefficient's growth per epoch, applied at epoch ends, which a probe of a few steps "
          + "does not reach (PostStepRegularizerTest follows the schedule)"),
      Map.entry("elle_reg.sensitivity", "ELLE-A's switch: lambda turns on when a step's ELLE jumps above mean + sensitivity * std "
          + "of its history, which the probe's few steps do not produce (RegularizersGoldenTest replays the switch against the reference)"),
      Map.entry("elle_reg.decay_rate", "ELLE-A's decay of lambda after a switch, which the probe's few steps do not produce "
          + "(RegularizersGoldenTest replays it)"),
      Map.entry("elr_loss.num_examples", "the rows of the per-sample target table: any size that holds the batch's indices "
          + "gives the same values"),
      Map.entry("elr_loss.num_classes", "must equal the output's width (every other value is rejected; ElrLossTest)"),
      Map.entry("maxsup_loss.alpha_end", "the weight reached over the epochs through the objective's onEpochEnd callback; "
          + "within one epoch alpha applies (MaxSupLossTest covers the schedule)"));

  /**
   * Relative tolerance of "the same numbers". Not 0: a seeded run repeated in one JVM was seen to
   * differ in the last bits (the CPU kernels' reduction order may change once they are compiled).
   */
  static final double TOL = 1e-10;

  static boolean same(double[] a, double[] b) {
    if (a.length != b.length) return false;
    for (int i = 0; i < a.length; i++) {
      if (Double.isNaN(a[i]) || Double.isNaN(b[i])) {
        if (Double.isNaN(a[i]) != Double.isNaN(b[i])) return false;
      } else if (Math.abs(a[i] - b[i]) > TOL * Math.max(1, Math.max(Math.abs(a[i]), Math.abs(b[i])))) {
        return false;
      }
    }
    return true;
  }

  static boolean probed(ParamSpec s) {
    Class<?> t = s.type();
    if (t == Double.class || t == Integer.class || t == Long.class || t == Boolean.class) return true;
    return t == double[].class && s.defaultValue() != null && ((double[]) s.defaultValue()).length > 0;
  }

  /** Values to try instead of {@code v}, in order. */
  static List<Object> candidates(Object v) {
    List<Object> out = new ArrayList<>();
    if (v instanceof Double d) {
      for (double c : new double[] {d * 2, d / 2, d + 1, d - 1, 0.5, 1, 2, -0.5, 10, 100}) if (c != d && !out.contains(c)) out.add(c);
    } else if (v instanceof Integer i) {
      for (int c : new int[] {i + 1, i - 1, 2 * i, 0, 1, 2, 3}) if (c != i && !out.contains(c)) out.add(c);
    } else if (v instanceof Long l) {
      for (long c : new long[] {l + 1, l + 2, 2 * l, 7}) if (c != l && !out.contains(c)) out.add(c);
    } else if (v instanceof Boolean b) {
      out.add(!b);
    } else if (v instanceof double[] a) {
      out.add(Arrays.stream(a).map(x -> x * 0.8).toArray());
      out.add(Arrays.stream(a).map(x -> x - 1).toArray());
      out.add(Arrays.stream(a).map(x -> x + 1).toArray());
    }
    return out;
  }

  static String context(Component c, ParamSpec s) {
    return CONTEXT.getOrDefault(c.id() + "." + s.name(), CONTEXT.getOrDefault(c.id(), ""));
  }

  @TestFactory
  Stream<DynamicTest> everyParameterChangesWhatTheComponentDoes() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Component c : Catalog.all()) {
      for (ParamSpec s : c.params()) {
        if (!probed(s)) continue;
        tests.add(DynamicTest.dynamicTest(c.id() + "." + s.name(), () -> {
          try {
            check(c, s);
          } catch (RuntimeException e) {
            throw new AssertionError(c.id() + "." + s.name() + ": " + e, e);
          }
        }));
      }
    }
    return tests.stream();
  }

  static void check(Component c, ParamSpec s) {
    String key = c.id() + "." + s.name();
    ComponentProbes.Probe probe = ComponentProbes.of(c);
    Params base = c.parse(context(c, s));
    double[] ref = probe.apply(base);
    if (!same(ref, probe.apply(base))) fail(key + ": two runs of the probe with the same parameters differ by more than " + TOL);
    List<String> tried = new ArrayList<>();
    for (Object v : candidates(base.get(s.name()))) {
      Map<String, Object> given = new LinkedHashMap<>(base.asMap());
      given.put(s.name(), v);
      double[] got;
      try {
        got = probe.apply(c.params(given));
      } catch (IllegalArgumentException e) {
        continue;
      }
      String shown = Params.format(v);
      if (!same(ref, got)) {
        if (NO_EFFECT.containsKey(key)) {
          fail(key + " is listed as having no effect (" + NO_EFFECT.get(key) + "), but " + shown + " changed the output: remove it from NO_EFFECT");
        }
        return;
      }
      tried.add(shown);
    }
    if (NO_EFFECT.containsKey(key)) return;
    if (tried.isEmpty()) fail(key + ": every value tried instead of " + Params.format(base.get(s.name())) + " was rejected");
    fail(key + ": the output did not change when " + s.name() + " = " + Params.format(base.get(s.name())) + " became any of "
        + tried + " (does the factory use it?)");
  }
}
