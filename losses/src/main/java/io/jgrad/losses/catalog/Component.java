package io.jgrad.losses.catalog;

import java.util.List;
import java.util.function.Function;

/**
 * One implemented catalog component: its id (as in the catalog specs), kind, paper number in
 * {@code papers/titles.txt} (0 when it has none), where it lives in the code
 * ({@code "io.jgrad.losses.classification.Focal#focal"}), its parameters with their defaults,
 * its status (DONE or PARTIAL; the note says what a PARTIAL one lacks) and the factory that
 * builds it from validated parameters. Its {@link Kind} says what the factory returns.
 */
public record Component(String id, Kind kind, int paper, String where, List<ParamSpec> params, Status status,
                        String note, Function<Params, ?> factory) {
  public Component {
    if (id == null || !id.matches("[a-z0-9_]+")) throw new IllegalArgumentException("Component: bad id '" + id + "'");
    if (kind == null || where == null || status == null || factory == null) {
      throw new IllegalArgumentException("Component " + id + ": kind, where, status and factory are required");
    }
    if (status != Status.DONE && status != Status.PARTIAL) {
      throw new IllegalArgumentException("Component " + id + ": an implemented component is DONE or PARTIAL, got " + status);
    }
    params = List.copyOf(params);
    note = note == null ? "" : note;
  }

  /** A DONE component. */
  public static Component done(String id, Kind kind, int paper, String where, List<ParamSpec> params,
                               Function<Params, ?> factory) {
    return new Component(id, kind, paper, where, params, Status.DONE, "", factory);
  }

  /** Validated parameters from a map of values (strings are parsed). */
  public Params params(java.util.Map<String, ?> given) { return Params.of(id, params, given); }

  /** Validated parameters from {@code "k=v,k=v"}. */
  public Params parse(String kvs) { return Params.parse(id, params, kvs); }

  /** Builds the component. */
  public Object create(Params p) { return factory.apply(p); }
}
