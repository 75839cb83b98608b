/**
 * The training loop: {@link io.jgrad.nn.train.Trainer} (fit / evaluate), its results
 * ({@link io.jgrad.nn.train.History}, {@link io.jgrad.nn.train.EpochResult},
 * {@link io.jgrad.nn.train.Metrics}) and {@link io.jgrad.nn.train.Callback}s for progress,
 * metrics files, curves, early stopping, checkpoints and step timing.
 */
package io.jgrad.nn.train;
