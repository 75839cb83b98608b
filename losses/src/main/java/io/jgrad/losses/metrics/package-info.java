/**
 * Metrics of the research catalog that are computed over a whole evaluation set, as
 * {@link io.jgrad.nn.train.Metric}s and as plain functions: the expected calibration error with
 * its reliability-diagram data and a PNG of the diagram.
 */
package io.jgrad.losses.metrics;
