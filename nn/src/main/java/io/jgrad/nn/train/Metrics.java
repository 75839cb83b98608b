package io.jgrad.nn.train;

/**
 * The result of {@link Trainer#evaluate}: mean loss per example, the fraction of examples whose
 * argmax logit equals the label, and the number of examples seen.
 */
public record Metrics(double loss, double accuracy, long examples) {}
