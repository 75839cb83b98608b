/** Losses and regularizers as pure functions of tensors (filled by the losses issues). */
package io.jgrad.losses;
