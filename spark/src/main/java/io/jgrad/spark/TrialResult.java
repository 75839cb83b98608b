package io.jgrad.spark;

import java.io.Serializable;

/**
 * One trial of a {@link Sweep}: the last epoch's training loss and validation loss and accuracy,
 * the best validation accuracy over the epochs, the epochs run, the wall time, and the error
 * (a divergence, an exception) or null.
 */
public record TrialResult(String config, long seed, double trainLoss, double valLoss, double valAccuracy, double bestValAccuracy,
                          int epochs, double seconds, String error) implements Serializable {}
