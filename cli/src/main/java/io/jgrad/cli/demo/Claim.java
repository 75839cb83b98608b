package io.jgrad.cli.demo;

import java.util.List;

/**
 * A demo's claim, stated before it runs: the paper's effect in words and the criteria, on the
 * means over seeds, that decide PASS (all must hold). For example:
 * <pre>{@code
 * Claim.of("Label smoothing lowers the test NLL of an over-trained MLP without costing accuracy",
 *     Criterion.lower("test_nll", "label_smoothing_ce", "cross_entropy"),
 *     Criterion.atLeast("accuracy", "label_smoothing_ce", "cross_entropy", -0.01));
 * }</pre>
 */
public record Claim(String text, List<Criterion> criteria) {
  public Claim {
    if (text == null || text.isBlank()) throw new IllegalArgumentException("Claim: the claim needs a text");
    if (criteria == null || criteria.isEmpty()) throw new IllegalArgumentException("Claim: at least one criterion is needed");
    criteria = List.copyOf(criteria);
  }

  public static Claim of(String text, Criterion... criteria) { return new Claim(text, List.of(criteria)); }
}
