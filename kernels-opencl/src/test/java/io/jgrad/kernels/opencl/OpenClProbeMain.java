package io.jgrad.kernels.opencl;

/** Prints the provider's view of OpenCL; run in a child JVM by {@link ClNoPlatformTest}. */
public final class OpenClProbeMain {
  private OpenClProbeMain() {}

  public static void main(String[] args) {
    OpenClProvider p = new OpenClProvider();
    System.out.println("devices=" + p.devices().size());
    System.out.println("reason=" + p.unavailableReason());
    System.out.println(OpenClProvider.describe());
  }
}
