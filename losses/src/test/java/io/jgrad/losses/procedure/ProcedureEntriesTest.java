package io.jgrad.losses.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.losses.reg.FunctionalFisherRegularizer;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The family's registry rows: kinds, defaults, parameter names, and errors that name the component, parameter and value. */
class ProcedureEntriesTest {
  static final List<String> PROCEDURES = List.of("sam", "amp", "adversarial_weight_perturbation",
      "gradient_norm_regularization_fd", "grad_norm_penalty", "lawn");
  static final List<String> REGULARIZERS = List.of("vat_loss", "adversarial_loss", "elle_reg", "arow_loss",
      "awr_robust_regularizer", "smooth_adv_comp_sum_loss", "jacobian_frobenius_penalty", "jacobian_nuclear_norm_regularizer",
      "functional_fisher_information_regularizer");

  @Test
  void everyRowBuildsWithItsDefaults() {
    for (String id : PROCEDURES) {
      assertEquals(Kind.PROCEDURE, Catalog.get(id).kind(), id);
      assertTrue(Catalog.create(id, TrainStep.class, Map.of()) != null, id);
    }
    for (String id : REGULARIZERS) {
      assertEquals(Kind.REGULARIZER, Catalog.get(id).kind(), id);
      assertTrue(Catalog.create(id, Regularizer.class, Map.of()) != null, id);
    }
    assertEquals(Kind.LOSS, Catalog.get("flooding_loss").kind());
    Objective flood = Catalog.create("flooding_loss:b=0.3", Objective.class);
    Tensor z = Tensor.zeros(DType.FLOAT64, 2, 4);
    // CE of uniform logits is log 4 > 0.3: flooding leaves it unchanged
    assertEquals(Math.log(4), flood.loss(z, new Batch(z, Tensor.of(0L, 1L))).item(), 1e-12);
  }

  @Test
  void specParametersReachTheObjects() {
    Sam sam = (Sam) Catalog.create("sam:rho=0.2,adaptive=true", TrainStep.class);
    assertEquals(0.2, sam.rho());
    assertTrue(sam.adaptive());
    Regularizer fisher = Catalog.create("functional_fisher_information_regularizer:split=2;4,n_samples=3", Regularizer.class);
    assertTrue(fisher instanceof FunctionalFisherRegularizer);
  }

  @Test
  void badParametersNameComponentParameterAndValue() {
    assertMessage("sam: rho must be finite and >= 0, got -1.0", () -> Catalog.create("sam:rho=-1", TrainStep.class));
    assertMessage("amp: inner_iter must be >= 0, got -2", () -> Catalog.create("amp:inner_iter=-2", TrainStep.class));
    assertMessage("gradient_norm_regularization_fd: variant must be forward or backward, got 'sideways'",
        () -> Catalog.create("gradient_norm_regularization_fd:variant=sideways", TrainStep.class));
    assertMessage("gradient_norm_regularization_fd: epsilon must be finite and > 0, got 0.0",
        () -> Catalog.create("gradient_norm_regularization_fd:epsilon=0", TrainStep.class));
    assertMessage("grad_norm_penalty: power must be 1 or 2, got 3", () -> Catalog.create("grad_norm_penalty:power=3", TrainStep.class));
    assertMessage("adversarial_weight_perturbation: gamma must be finite and >= 0, got -0.1",
        () -> Catalog.create("adversarial_weight_perturbation:gamma=-0.1", TrainStep.class));
    assertMessage("lawn: warmup_epochs must be >= 0, got -1", () -> Catalog.create("lawn:warmup_epochs=-1", TrainStep.class));
    assertMessage("flooding_loss: b must be finite and >= 0, got -0.5", () -> Catalog.create("flooding_loss:b=-0.5", Objective.class));
    assertMessage("vat_loss: xi must be finite and > 0, got 0.0", () -> Catalog.create("vat_loss:xi=0", Regularizer.class));
    assertMessage("elle_reg: decay_rate must be in [0, 1], got 1.5", () -> Catalog.create("elle_reg:decay_rate=1.5", Regularizer.class));
    assertMessage("awr_robust_regularizer: beta must be in [0, 1], got 2.0",
        () -> Catalog.create("awr_robust_regularizer:beta=2", Regularizer.class));
    assertMessage("jacobian_frobenius_penalty: estimator must be exact, hutchinson or fd, got 'svd'",
        () -> Catalog.create("jacobian_frobenius_penalty:estimator=svd", Regularizer.class));
    assertMessage("jacobian_nuclear_norm_regularizer: split must be >= 1, got 0",
        () -> Catalog.create("jacobian_nuclear_norm_regularizer:split=0", Regularizer.class));
    assertMessage("functional_fisher_information_regularizer: optim_method must be one of [max_ent, min_ent], got 'x'",
        () -> Catalog.create("functional_fisher_information_regularizer:optim_method=x", Regularizer.class));
    assertMessage("sam: unknown parameter 'radius' (valid: rho, adaptive)", () -> Catalog.create("sam:radius=1", TrainStep.class));
  }

  @Test
  void runtimeMisuseNamesTheProblem() {
    Regularizer awr = Catalog.create("awr_robust_regularizer", Regularizer.class);
    Module m = GoldenModels.mlp(new int[] {2, 3, 2}, false, null);
    Tensor x = Tensor.zeros(DType.FLOAT64, 2, 2);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> awr.penalty(m, new Batch(x, Tensor.of(0L, 1L)), m.forward(x)));
    assertTrue(e.getMessage().contains("withTeacher"), e.getMessage());
    Regularizer fisher = new FunctionalFisherRegularizer(1, new int[] {1, 3}, 2, 2, "bce", "ent", "max_ent", 0);
    IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
        () -> fisher.penalty(m, new Batch(x, Tensor.of(0L, 1L)), m.forward(x)));
    assertEquals("functional_fisher_information_regularizer: split [1, 3] covers 4 features but the input has 2 per example",
        f.getMessage());
  }

  static void assertMessage(String expected, Executable e) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, e).getMessage());
  }
}
