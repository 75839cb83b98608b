/**
 * Regularizers of the research catalog: penalties on the model's outputs or weights that a
 * training step adds to its objective ({@link io.jgrad.nn.train.Regularizer}), each also a plain
 * function of tensors.
 */
package io.jgrad.losses.reg;
