package io.jgrad.spark;

import io.jgrad.nn.train.EpochResult;
import java.io.Serializable;

/**
 * One epoch of a data-parallel run, as every worker agreed on it: the mean training loss over the
 * global batches, the training accuracy over all workers' examples (NaN when not a
 * classification), the validation loss and accuracy (NaN without validation), rank 0's wall
 * time and the learning rate of parameter group 0.
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy, double seconds,
                          double learningRate) implements Serializable {
  static EpochRecord of(EpochResult r) {
    return new EpochRecord(r.epoch(), r.trainLoss(), r.trainAccuracy(), r.validation() == null ? Double.NaN : r.validation().loss(),
        r.validation() == null ? Double.NaN : r.validation().accuracy(), r.seconds(), r.learningRate());
  }
}
