package io.jgrad.losses.catalog;

/**
 * A paper of the research catalog ({@code papers.tsv}): its number and title. A paper without a
 * component records why: {@code status} NONE (theory, survey) or BLOCKED, with the reason; a
 * paper with components has a null status (theirs are in the index).
 */
public record Paper(int number, String title, Status status, String reason) {
  public Paper {
    reason = reason == null ? "" : reason;
  }

  /** "58: MaxSup: Overcoming Representation Collapse in Label Smoothing". */
  @Override
  public String toString() { return number + ": " + title; }
}
