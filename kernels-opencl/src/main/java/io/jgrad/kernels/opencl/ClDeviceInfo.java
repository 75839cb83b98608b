package io.jgrad.kernels.opencl;

import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/** What the availability check learned about one device; {@code index} is its {@code opencl:i}. */
record ClDeviceInfo(int index, cl_platform_id platform, cl_device_id device, String name, String vendor,
                    String version, String platformName, boolean fp64, long globalMemBytes,
                    long maxAllocBytes, long maxWorkGroupSize, long localMemBytes) {

  /** One line for {@code jgrad devices}. */
  String describe() {
    return String.format("opencl:%d  %s  (%s; %s; platform %s)  fp64=%s  memory=%.1f GiB  max alloc=%.1f GiB",
        index, name, vendor, version, platformName, fp64 ? "yes" : "no", globalMemBytes / 1073741824.0,
        maxAllocBytes / 1073741824.0);
  }
}
