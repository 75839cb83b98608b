package io.jgrad.tensor.spi;

/** How scatter combines a source element with the target: overwrite or add. */
public enum ScatterMode { SET, ADD }
