package io.jgrad.nn.data;

import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;

/**
 * A per-example data transform (augmentation), applied by a {@link DataLoader} to every example
 * before it is stacked into a batch. {@code generator} is the example's own generator, seeded
 * from the loader's seed, the epoch and the example's index in the dataset: the same example
 * gets new randomness every epoch, and a run is reproducible, with or without prefetch.
 *
 * <p>Ownership: the transform receives an example it may consume and returns the example to
 * stack (its input, a modified copy, or new tensors); the loader closes every input tensor the
 * output does not reuse. Transforms run on the loader's prefetch thread when there is one, so
 * they must not depend on thread-local state.
 */
@FunctionalInterface
public interface ExampleTransform {
  Example apply(Example example, Generator generator);

  /** A transform of the features alone (the target, label and fields are kept): {@code (x, g) -> x'}. */
  static ExampleTransform ofFeatures(java.util.function.BiFunction<Tensor, Generator, Tensor> f) {
    if (f == null) throw new IllegalArgumentException("ExampleTransform.ofFeatures: function is null");
    return (e, g) -> new Example(f.apply(e.features(), g), e.label(), e.target(), e.fields());
  }

  /** This transform, then {@code next}, with the same generator. */
  default ExampleTransform andThen(ExampleTransform next) {
    if (next == null) throw new IllegalArgumentException("ExampleTransform.andThen: next is null");
    return (e, g) -> next.apply(apply(e, g), g);
  }
}
