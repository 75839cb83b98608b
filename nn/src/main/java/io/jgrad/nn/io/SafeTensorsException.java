package io.jgrad.nn.io;

import java.io.IOException;

/** A safetensors file that is truncated, malformed or uses a dtype jgrad cannot load; the message names the file and the offending values. */
public final class SafeTensorsException extends IOException {
  public SafeTensorsException(String message) { super(message); }

  public SafeTensorsException(String message, Throwable cause) { super(message, cause); }
}
