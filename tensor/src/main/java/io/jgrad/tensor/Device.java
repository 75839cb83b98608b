package io.jgrad.tensor;

import java.util.Objects;

/**
 * Where a tensor's memory lives: {@code cpu}, {@code cuda:i} or {@code opencl:i}. The device
 * travels with the tensor; an op's output goes on its inputs' device.
 */
public record Device(String type, int index) {
  public static final Device CPU = new Device("cpu", 0);

  public Device {
    Objects.requireNonNull(type, "type");
    if (index < 0) throw new IllegalArgumentException("device index must be >= 0, got " + index);
  }

  public static Device cpu() { return CPU; }

  public static Device cuda(int index) { return new Device("cuda", index); }

  public static Device opencl(int index) { return new Device("opencl", index); }

  /** Parses {@code "cpu"}, {@code "cuda"}, {@code "cuda:1"}, {@code "opencl:0"}. */
  public static Device parse(String spec) {
    int colon = spec.indexOf(':');
    if (colon < 0) return spec.equals("cpu") ? CPU : new Device(spec, 0);
    try {
      return new Device(spec.substring(0, colon), Integer.parseInt(spec.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad device '" + spec + "': expected type or type:index", e);
    }
  }

  public boolean isCpu() { return type.equals("cpu"); }

  @Override
  public String toString() { return isCpu() ? "cpu" : type + ":" + index; }
}
