package io.jgrad.kernels.opencl;

import static org.jocl.CL.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/** Enumerates platforms and devices through JOCL; only called inside the provider's guarded check. */
final class ClDevices {
  private static final long TYPES = CL_DEVICE_TYPE_GPU | CL_DEVICE_TYPE_CPU | CL_DEVICE_TYPE_ACCELERATOR;

  private ClDevices() {}

  /** Every GPU/CPU/accelerator device of every platform, in platform order; throws when there is none. */
  static List<ClDeviceInfo> enumerate() {
    setExceptionsEnabled(false);
    int[] count = new int[1];
    int st = clGetPlatformIDs(0, null, count);
    if (st != CL_SUCCESS || count[0] == 0) {
      throw new OpenClException("no OpenCL platform (clGetPlatformIDs: "
          + (st == CL_SUCCESS ? "0 platforms" : stringFor_errorCode(st))
          + "); install an OpenCL driver or ICD, e.g. pocl-opencl-icd", st, null);
    }
    cl_platform_id[] platforms = new cl_platform_id[count[0]];
    OpenClException.check(clGetPlatformIDs(platforms.length, platforms, null), "clGetPlatformIDs");
    List<ClDeviceInfo> out = new ArrayList<>();
    for (cl_platform_id p : platforms) {
      int[] n = new int[1];
      if (clGetDeviceIDs(p, TYPES, 0, null, n) != CL_SUCCESS || n[0] == 0) continue;
      cl_device_id[] ids = new cl_device_id[n[0]];
      OpenClException.check(clGetDeviceIDs(p, TYPES, ids.length, ids, null), "clGetDeviceIDs");
      for (cl_device_id d : ids) out.add(info(out.size(), p, d));
    }
    if (out.isEmpty()) {
      throw new OpenClException("no OpenCL device: " + platforms.length
          + " platform(s) found but none has a GPU, CPU or accelerator device");
    }
    return out;
  }

  private static ClDeviceInfo info(int index, cl_platform_id p, cl_device_id d) {
    String ext = string(d, CL_DEVICE_EXTENSIONS);
    return new ClDeviceInfo(index, p, d, string(d, CL_DEVICE_NAME).trim(), string(d, CL_DEVICE_VENDOR).trim(),
        string(d, CL_DEVICE_VERSION).trim(), platformName(p), ext.contains("cl_khr_fp64"),
        number(d, CL_DEVICE_GLOBAL_MEM_SIZE, 8), number(d, CL_DEVICE_MAX_MEM_ALLOC_SIZE, 8),
        number(d, CL_DEVICE_MAX_WORK_GROUP_SIZE, Sizeof.size_t), number(d, CL_DEVICE_LOCAL_MEM_SIZE, 8));
  }

  private static String platformName(cl_platform_id p) {
    long[] size = new long[1];
    clGetPlatformInfo(p, CL_PLATFORM_NAME, 0, null, size);
    byte[] b = new byte[(int) size[0]];
    clGetPlatformInfo(p, CL_PLATFORM_NAME, b.length, Pointer.to(b), null);
    return cString(b).trim();
  }

  static String string(cl_device_id d, int param) {
    long[] size = new long[1];
    OpenClException.check(clGetDeviceInfo(d, param, 0, null, size), "clGetDeviceInfo");
    byte[] b = new byte[(int) size[0]];
    OpenClException.check(clGetDeviceInfo(d, param, b.length, Pointer.to(b), null), "clGetDeviceInfo");
    return cString(b);
  }

  private static long number(cl_device_id d, int param, int bytes) {
    ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
    OpenClException.check(clGetDeviceInfo(d, param, bytes, Pointer.to(b), null), "clGetDeviceInfo");
    return bytes == 4 ? b.getInt(0) & 0xffffffffL : b.getLong(0);
  }

  private static String cString(byte[] b) {
    int n = 0;
    while (n < b.length && b[n] != 0) n++;
    return new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8);
  }
}
