package io.jgrad.tensor.spi;

/** Inclusive scans along one axis. */
public enum ScanOp { CUMSUM, CUMPROD }
