package io.jgrad.losses.catalog;

import java.util.List;

/**
 * The merged view of one catalog component: its index row and, when implemented, its registry
 * entry. The status is the registry's (DONE or PARTIAL) when registered, else BLOCKED when the
 * index records a reason, else PLANNED. An entry for a bundled id that is registered on its own
 * ({@code sgdw} in the {@code adamw} row) has its own id and the row of its bundle.
 */
public record CatalogEntry(String id, IndexRow row, Component component) {
  /** True when a registry entry exists. */
  public boolean implemented() { return component != null; }

  public Status status() {
    if (component != null) return component.status();
    return row.blocked() ? Status.BLOCKED : Status.PLANNED;
  }

  /** The registry's kind when implemented, else the index's. */
  public Kind kind() { return component != null ? component.kind() : row.kind(); }

  public int paper() { return row.paper(); }

  /** Where it lives in the code ("" when not implemented). */
  public String where() { return component != null ? component.where() : ""; }

  /** Its parameters with defaults (empty when not implemented). */
  public List<ParamSpec> params() { return component != null ? component.params() : List.of(); }

  /**
   * What to know about its status: the registry note when implemented, the blocked reason and
   * the index note otherwise.
   */
  public String note() {
    if (component != null) return component.note();
    if (row.blocked()) return row.blockedReason() + (row.note().isEmpty() ? "" : "; " + row.note());
    return row.note();
  }
}
