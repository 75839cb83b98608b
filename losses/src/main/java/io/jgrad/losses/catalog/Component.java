package io.jgrad.losses.catalog;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One implemented component: its id (as in the catalog specs), kind, paper number in
 * {@code papers/titles.txt} (0 when it has none), where it lives in the code
 * ({@code "io.jgrad.losses.FocalLosses#focal"}), its parameters with their defaults, its status
 * (DONE or PARTIAL; the note says what a PARTIAL one lacks) and the factory that builds it from
 * validated parameters. Its {@link Kind} says what the factory returns.
 *
 * <p>Two markers refine what the catalog's coverage test asks of it:
 * <ul>
 *   <li>{@link #noGradCheck(String)}: why a finite-difference gradcheck does not apply (a metric,
 *       a schedule, a procedure checked by its parameter trajectories). Must be a non-empty reason.</li>
 *   <li>{@link #extra}: an entry that is not a catalog component (the classic torch losses
 *       registered so that {@code --loss mse} works). Extras have paper 0, are not counted and
 *       are not listed as catalog components.</li>
 * </ul>
 * Build entries with {@link #done}, {@link #partial} or {@link #extra(String, Kind, String, List, Function)},
 * then chain {@link #noGradCheck(String)} where it applies.
 */
public record Component(String id, Kind kind, int paper, String where, List<ParamSpec> params, Status status,
                        String note, Function<Params, ?> factory, String noGradCheckReason, boolean extra) {
  public Component {
    if (id == null || !id.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("Component: bad id '" + id + "' (lower-case letters, digits and '_', starting with a letter)");
    }
    if (kind == null || where == null || status == null || factory == null || params == null) {
      throw new IllegalArgumentException("Component " + id + ": kind, where, params, status and factory are required");
    }
    if (status != Status.DONE && status != Status.PARTIAL) {
      throw new IllegalArgumentException("Component " + id + ": an implemented component is DONE or PARTIAL, got " + status);
    }
    if (paper < 0) throw new IllegalArgumentException("Component " + id + ": paper must be >= 0, got " + paper);
    if (extra && paper != 0) throw new IllegalArgumentException("Component " + id + ": an extra entry has paper 0, got " + paper);
    if (!extra && paper == 0) throw new IllegalArgumentException("Component " + id + ": a catalog component needs its paper number");
    note = note == null ? "" : note.strip();
    if (status == Status.PARTIAL && note.isEmpty()) {
      throw new IllegalArgumentException("Component " + id + ": a PARTIAL component needs a note saying what it lacks");
    }
    if (noGradCheckReason != null && noGradCheckReason.isBlank()) {
      throw new IllegalArgumentException("Component " + id + ": noGradCheck needs a reason");
    }
    params = List.copyOf(params);
    java.util.Set<String> names = new java.util.HashSet<>();
    for (ParamSpec p : params) {
      if (!names.add(p.name())) throw new IllegalArgumentException("Component " + id + ": parameter '" + p.name() + "' declared twice");
    }
  }

  /** The pre-marker form: a catalog component without markers. */
  public Component(String id, Kind kind, int paper, String where, List<ParamSpec> params, Status status, String note,
                   Function<Params, ?> factory) {
    this(id, kind, paper, where, params, status, note, factory, null, false);
  }

  /** A DONE catalog component. */
  public static Component done(String id, Kind kind, int paper, String where, List<ParamSpec> params,
                               Function<Params, ?> factory) {
    return new Component(id, kind, paper, where, params, Status.DONE, "", factory, null, false);
  }

  /** A PARTIAL catalog component; {@code note} says what it lacks. */
  public static Component partial(String id, Kind kind, int paper, String where, List<ParamSpec> params, String note,
                                  Function<Params, ?> factory) {
    return new Component(id, kind, paper, where, params, Status.PARTIAL, note, factory, null, false);
  }

  /** An entry that is not a catalog component (paper 0; not counted, not listed as one). */
  public static Component extra(String id, Kind kind, String where, List<ParamSpec> params, Function<Params, ?> factory) {
    return new Component(id, kind, 0, where, params, Status.DONE, "", factory, null, true);
  }

  /** This component, declaring why a finite-difference gradcheck does not apply to it. */
  public Component noGradCheck(String reason) {
    if (reason == null || reason.isBlank()) throw new IllegalArgumentException("Component " + id + ": noGradCheck needs a reason");
    return new Component(id, kind, paper, where, params, status, note, factory, reason.strip(), extra);
  }

  /** This component with {@code note} (shown by {@code jgrad catalog show} and the docs). */
  public Component withNote(String note) {
    return new Component(id, kind, paper, where, params, status, note, factory, noGradCheckReason, extra);
  }

  /** True when a gradcheck is expected (no {@link #noGradCheck} reason was given). */
  public boolean needsGradCheck() { return noGradCheckReason == null; }

  /** Validated parameters from a map of values (strings are parsed). */
  public Params params(Map<String, ?> given) { return Params.of(id, params, given); }

  /** Validated parameters from {@code "k=v,k=v"}. */
  public Params parse(String kvs) { return Params.parse(id, params, kvs); }

  /** The defaults of every parameter (an IllegalArgumentException when one is required). */
  public Params defaults() { return Params.of(id, params, Map.of()); }

  /** Builds the component; a factory that returns null is an error naming the component. */
  public Object create(Params p) {
    if (!p.id().equals(id)) throw new IllegalArgumentException(id + ": parameters of '" + p.id() + "' given");
    Object o = factory.apply(p);
    if (o == null) throw new IllegalStateException(id + ": its factory returned null");
    return o;
  }
}
