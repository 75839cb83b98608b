package io.jgrad.losses.catalog;

/**
 * Where a component stands. DONE: implemented with goldens, gradcheck, registry entry, device
 * run and demonstration; PARTIAL: implemented, some of that missing (the note says what);
 * PLANNED: not implemented yet (the index names its work package); BLOCKED: cannot be
 * implemented as specified (the note says why and what was tried); NONE: a paper with no
 * component (theory, survey), with the reason.
 */
public enum Status {
  DONE, PARTIAL, PLANNED, BLOCKED, NONE;

  public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
