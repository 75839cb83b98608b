package io.jgrad.tensor.spi;

/**
 * 2-D pooling variants. AVG counts padding in the divisor ({@code count_include_pad=True});
 * AVG_EXCLUDE_PAD does not. ADAPTIVE_AVG ignores the window geometry and uses PyTorch's
 * {@code floor(i*H/oh) .. ceil((i+1)*H/oh)} bins.
 */
public enum PoolMode { MAX, AVG, AVG_EXCLUDE_PAD, ADAPTIVE_AVG }
