package io.jgrad.losses.catalog;

/**
 * What a catalog component is, and so what its factory returns:
 * <ul>
 *   <li>LOSS: an {@link io.jgrad.nn.train.Objective} (a stateful one is also a Module);</li>
 *   <li>REGULARIZER: an {@link io.jgrad.nn.train.Regularizer};</li>
 *   <li>PROCEDURE: an {@link io.jgrad.nn.train.TrainStep};</li>
 *   <li>METRIC: an {@link io.jgrad.nn.train.Metric};</li>
 *   <li>LAYER: a {@link io.jgrad.nn.Module} (activations and reparameterized layers too);</li>
 *   <li>OPTIMIZER: an {@link OptimizerFactory}; SCHEDULE: a {@link ScheduleFactory};</li>
 *   <li>TRANSFORM: a per-example data transform (augmentation);</li>
 *   <li>FUNCTION and TOOL: a functional object documented by the component (a proximal
 *       operator, a link function, an analysis tool).</li>
 * </ul>
 */
public enum Kind {
  LOSS, REGULARIZER, PROCEDURE, METRIC, LAYER, OPTIMIZER, SCHEDULE, TRANSFORM, FUNCTION, TOOL;

  /** The lower-case name used by the CLI and the docs ("loss", "regularizer", ...). */
  public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
