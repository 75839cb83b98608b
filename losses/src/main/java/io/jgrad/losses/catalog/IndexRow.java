package io.jgrad.losses.catalog;

import java.util.List;

/**
 * One row of the catalog index ({@code index.tsv}): a component of the research catalog by its
 * spec id, whether or not it is implemented. {@code alsoPapers}: other papers whose component
 * this is (a journal version, a paper that reuses it). {@code blockedReason}: why it cannot be
 * implemented as specified, or empty. {@code bundles}: spec ids specified together with it
 * ({@code huber_c_schedule} with {@code pseudo_huber_loss}); they may be registered on their own.
 * Its status is not stored here: see {@link CatalogEntry#status()}.
 */
public record IndexRow(String id, Kind kind, int paper, List<Integer> alsoPapers, String priority, String workPackage,
                       String blockedReason, List<String> bundles, String note) {
  public IndexRow {
    alsoPapers = List.copyOf(alsoPapers);
    bundles = List.copyOf(bundles);
    blockedReason = blockedReason == null ? "" : blockedReason;
    workPackage = workPackage == null ? "" : workPackage;
    note = note == null ? "" : note;
  }

  /** True when a reason is recorded for why it cannot be implemented as specified. */
  public boolean blocked() { return !blockedReason.isEmpty(); }

  /** True when {@code number} is this row's paper or one of its other papers. */
  public boolean hasPaper(int number) { return paper == number || alsoPapers.contains(number); }
}
