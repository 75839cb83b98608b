package io.jgrad.tensor;

/**
 * Element types. Each dtype names the Java array that carries it on the CPU ({@link #carrier()}),
 * so a half-precision type can be added later with a {@code short[]} carrier without touching
 * the others.
 *
 * <p>Promotion follows PyTorch: bool &lt; integral &lt; floating as categories; within a
 * category the wider type wins. Zero-dimensional tensors and Java scalars only raise the
 * category, never the width within it (see {@link Promotion}).
 */
public enum DType {
  BOOL("bool", 1, Category.BOOL, byte[].class),
  INT32("int32", 4, Category.INTEGRAL, int[].class),
  INT64("int64", 8, Category.INTEGRAL, long[].class),
  FLOAT32("float32", 4, Category.FLOATING, float[].class),
  FLOAT64("float64", 8, Category.FLOATING, double[].class);

  /** Kinds of numbers, ordered as PyTorch orders them for promotion. */
  public enum Category { BOOL, INTEGRAL, FLOATING }

  private final String label;
  private final int byteSize;
  private final Category category;
  private final Class<?> carrier;

  DType(String label, int byteSize, Category category, Class<?> carrier) {
    this.label = label;
    this.byteSize = byteSize;
    this.category = category;
    this.carrier = carrier;
  }

  /** Bytes per element. */
  public int byteSize() { return byteSize; }

  public Category category() { return category; }

  /** The Java array class holding this dtype's elements on the CPU. */
  public Class<?> carrier() { return carrier; }

  public boolean isFloatingPoint() { return category == Category.FLOATING; }

  public boolean isIntegral() { return category == Category.INTEGRAL; }

  public boolean isBool() { return category == Category.BOOL; }

  /** The wider of two dtypes by PyTorch's table (category first, then width). */
  public static DType promote(DType a, DType b) {
    if (a == b) return a;
    if (a.category != b.category) return a.category.compareTo(b.category) > 0 ? a : b;
    return a.byteSize >= b.byteSize ? a : b;
  }

  /** The default floating dtype (PyTorch's {@code torch.get_default_dtype()}). */
  public static DType defaultFloat() { return FLOAT32; }

  @Override
  public String toString() { return label; }
}
