package io.jgrad.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A child JVM whose ICD loader finds no driver ({@code OCL_ICD_VENDORS=/nonexistent}, as on a
 * machine without OpenCL): the provider lists no device and gives the typed reason, and
 * nothing is thrown.
 */
class ClNoPlatformTest {
  @Test
  void noIcdGivesAReasonNotAnError() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), OpenClProbeMain.class.getName()));
    pb.environment().put("OCL_ICD_VENDORS", "/nonexistent");
    pb.environment().remove("OPENCL_VENDOR_PATH");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM timed out: " + out);
    assertEquals(0, p.exitValue(), out);
    System.out.print("child JVM without an ICD: " + out);
    assertTrue(out.contains("devices=0"), out);
    // Without an ICD the loader answers CL_PLATFORM_NOT_FOUND_KHR; without libOpenCL.so the reason names the library.
    assertTrue(out.contains("reason=no OpenCL platform") || out.contains("reason=OpenCL library not loadable"), out);
    assertTrue(out.contains("opencl: unavailable: "), out);
    if (out.contains("no OpenCL platform")) assertTrue(out.contains("CL_PLATFORM_NOT_FOUND_KHR"), out);
  }
}
