/**
 * Reading and writing tensors to files: {@link io.jgrad.nn.io.SafeTensors} (the safetensors
 * format, interoperable with PyTorch / Hugging Face), and {@link io.jgrad.nn.io.Checkpoint}
 * (model and optimizer state, step and generator state in one atomically written file).
 */
package io.jgrad.nn.io;
