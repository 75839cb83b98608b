package io.jgrad.kernels.opencl;

import org.jocl.CL;

/**
 * The device could not hold a buffer (or a launch's resources). The backend stays usable:
 * release tensors and retry. {@link #requestedBytes()} is -1 when the failing call was not an
 * allocation.
 */
public class OpenClOutOfMemoryException extends OpenClException {
  private final long requestedBytes;

  public OpenClOutOfMemoryException(String what, long requestedBytes, int status) {
    super(what + ": out of device memory"
        + (requestedBytes >= 0 ? " allocating " + requestedBytes + " bytes" : "")
        + (status != 0 ? " (" + CL.stringFor_errorCode(status) + ")" : ""), status, null);
    this.requestedBytes = requestedBytes;
  }

  public long requestedBytes() { return requestedBytes; }

  static boolean isOutOfMemory(int status) {
    return status == CL.CL_MEM_OBJECT_ALLOCATION_FAILURE || status == CL.CL_OUT_OF_RESOURCES
        || status == CL.CL_OUT_OF_HOST_MEMORY || status == CL.CL_INVALID_BUFFER_SIZE;
  }
}
