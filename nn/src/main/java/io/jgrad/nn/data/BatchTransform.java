package io.jgrad.nn.data;

import io.jgrad.tensor.Generator;

/**
 * A transform of a whole batch (mixup, cutmix, batch-level noise), applied by a
 * {@link DataLoader} after per-example transforms and before the batch moves to the loader's
 * device. {@code generator} is seeded from the loader's seed, the epoch and the batch's number in
 * the epoch, so runs are reproducible with or without prefetch.
 *
 * <p>Ownership: the transform receives the batch and returns the batch the consumer gets (its
 * input, or a batch sharing some of its tensors); the loader closes every input tensor the
 * output does not reuse. Runs on the prefetch thread when there is one.
 */
@FunctionalInterface
public interface BatchTransform {
  Batch apply(Batch batch, Generator generator);
}
