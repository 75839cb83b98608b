package io.jgrad.kernels.opencl;

import org.jocl.CL;

/** An OpenCL failure: a driver status (by its symbolic name), a build error or a missing feature. */
public class OpenClException extends RuntimeException {
  private final int status;

  public OpenClException(String message) { this(message, 0, null); }

  public OpenClException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The driver's status code ({@code CL_SUCCESS} = 0 when the error is not a driver status). */
  public int status() { return status; }

  /** Throws unless {@code status} is {@code CL_SUCCESS}; {@code what} names the call and its context. */
  static void check(int status, String what) {
    if (status == CL.CL_SUCCESS) return;
    if (OpenClOutOfMemoryException.isOutOfMemory(status)) {
      throw new OpenClOutOfMemoryException(what, -1, status);
    }
    throw new OpenClException(what + " failed: " + CL.stringFor_errorCode(status), status, null);
  }
}
