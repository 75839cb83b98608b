/** Modules, layers, optimizers and the training loop (filled by the nn/training issue). */
package io.jgrad.nn;
