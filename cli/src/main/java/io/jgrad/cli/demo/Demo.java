package io.jgrad.cli.demo;

import java.util.List;

/**
 * A demonstration of catalog components: a small seeded experiment that trains the component
 * and its baseline the same way and measures the effect its paper claims. The claim and its
 * pass criteria are stated before anything runs ({@link #claim()}); {@link DemoRunner} runs
 * the seeds, prints mean ± sd per method and metric, says PASS or FAIL, and writes the section
 * of {@code docs/catalog/<family>.md}.
 *
 * <p>{@code run(seed, true)} is the smoke variant CI runs for every demo: the same code on a
 * reduced setup (a few batches, a small model or a slice of the data) that finishes in seconds.
 * It must return the same methods and metrics as a full run; its numbers are not judged.
 *
 * <p>Demos are found through {@link DemoProvider} (one provider per family, listed in
 * {@code META-INF/services/io.jgrad.cli.demo.DemoProvider}).
 */
public interface Demo {
  /** The demo's id, the argument of {@code bin/jgrad catalog demo ID}: usually its component's id. */
  String id();

  /** Catalog ids of the components this demo demonstrates (at least one). */
  List<String> components();

  /** The docs page it writes: {@code docs/catalog/<family>.md} (lower case, e.g. "classification"). */
  String family();

  /** One line: what is compared on what (e.g. "label smoothing vs cross entropy, digits MLP"). */
  String title();

  /**
   * The setup in a few sentences (data, model, optimizer, epochs, what differs between the
   * methods, which dataset is needed): printed and written to the docs with the table.
   */
  String setup();

  /** The paper's claimed effect and the criteria that decide PASS, stated before running. */
  Claim claim();

  /**
   * One seed of the experiment. Everything random (data split, initial weights, shuffling,
   * noise) derives from {@code seed}. {@code smoke}: the reduced variant (seconds).
   */
  DemoRun run(long seed, boolean smoke);
}
