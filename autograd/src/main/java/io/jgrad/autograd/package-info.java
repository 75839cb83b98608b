/** Reverse-mode automatic differentiation on jgrad tensors (filled by the autograd issue). */
package io.jgrad.autograd;
