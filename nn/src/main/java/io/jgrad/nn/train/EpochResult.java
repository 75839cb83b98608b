package io.jgrad.nn.train;

/**
 * One epoch of {@link Trainer#fit}: mean training loss and accuracy over the epoch's batches
 * (weighted by batch size), the validation metrics ({@code null} without a validation loader),
 * the epoch's wall time and the learning rate of parameter group 0 during the epoch.
 */
public record EpochResult(int epoch, double trainLoss, double trainAccuracy, Metrics validation, double seconds, double learningRate) {}
