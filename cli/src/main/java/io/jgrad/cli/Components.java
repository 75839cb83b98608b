package io.jgrad.cli;

import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.losses.catalog.Params;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.nn.train.TrainStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The objective side of {@code jgrad train}, chosen by catalog id: {@code --loss ID[:k=v,...]}
 * (default {@code cross_entropy}; {@code cross-entropy} and other hyphenated ids are accepted),
 * repeated {@code --regularizer ID[:k=v,...]} and {@code --procedure ID[:k=v,...]}. Ids and
 * parameters are validated before any data is loaded: an unknown id or parameter is one line
 * naming the valid ones. The resolved choice (every parameter, defaults included) is recorded in
 * the checkpoint ({@code run.loss}, {@code run.regularizer.1}, ..., {@code run.procedure}) so
 * {@code eval} rebuilds the same objective and {@code --resume} the same run.
 */
final class Components {
  static final String DEFAULT_LOSS = "cross_entropy";

  private final Params loss;
  private final List<Params> regularizers;
  private final Params procedure;
  private final Objective objective;
  private final Regularizer[] builtRegularizers;
  private final TrainStep step;

  /** Builds every component now, so a parameter the component rejects fails before any data is loaded. */
  Components(Params loss, List<Params> regularizers, Params procedure) {
    this.loss = loss;
    this.regularizers = List.copyOf(regularizers);
    this.procedure = procedure;
    this.objective = build("loss", loss, Objective.class);
    this.builtRegularizers = new Regularizer[regularizers.size()];
    for (int i = 0; i < builtRegularizers.length; i++) builtRegularizers[i] = build("regularizer", regularizers.get(i), Regularizer.class);
    this.step = procedure == null ? TrainStep.STANDARD : build("procedure", procedure, TrainStep.class);
  }

  /** Parses, validates and builds the options' components. */
  static Components parse(Options o) { return parse(o, DEFAULT_LOSS); }

  /** {@link #parse(Options)} with {@code defaultLoss} when --loss is absent (regression: mse). */
  static Components parse(Options o, String defaultLoss) {
    Params loss = resolve("loss", o.str("loss", defaultLoss), Kind.LOSS);
    List<Params> regs = new ArrayList<>();
    for (String r : o.all("regularizer")) regs.add(resolve("regularizer", r, Kind.REGULARIZER));
    Params proc = o.has("procedure") ? resolve("procedure", o.str("procedure", ""), Kind.PROCEDURE) : null;
    return new Components(loss, regs, proc);
  }

  /** The loss only (eval): {@code spec} of option {@code --loss}. */
  static Components lossOnly(String spec) { return new Components(resolve("loss", spec, Kind.LOSS), List.of(), null); }

  Params loss() { return loss; }

  List<Params> regularizers() { return regularizers; }

  /** The procedure's parameters, or null for the standard step. */
  Params procedure() { return procedure; }

  /** {@code spec} with its id's hyphens read as underscores ({@code cross-entropy} is {@code cross_entropy}). */
  static String normalize(String spec) {
    String s = spec.trim();
    int colon = s.indexOf(':');
    String id = (colon < 0 ? s : s.substring(0, colon)).trim().toLowerCase(Locale.ROOT).replace('-', '_');
    return colon < 0 ? id : id + s.substring(colon);
  }

  static Params resolve(String option, String spec, Kind kind) {
    try {
      return Catalog.resolve(normalize(spec), kind);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + option + ": " + e.getMessage(), e);
    }
  }

  /** The objective (built once: a stateful one keeps its state across the run). */
  Objective objective() { return objective; }

  Regularizer[] buildRegularizers() { return builtRegularizers.clone(); }

  /** The training step: the procedure's, or the standard one. */
  TrainStep step() { return step; }

  private static <T> T build(String option, Params p, Class<T> type) {
    try {
      return Catalog.create(p, type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + option + ": " + e.getMessage(), e);
    }
  }

  /** One line for the run's header: "loss cross_entropy" plus any regularizers and procedure. */
  String describe() {
    StringBuilder sb = new StringBuilder("loss ").append(shortSpec(loss));
    for (Params r : regularizers) sb.append(", regularizer ").append(shortSpec(r));
    if (procedure != null) sb.append(", procedure ").append(shortSpec(procedure));
    return sb.toString();
  }

  /** The id, with the parameters only when one differs from its default. */
  static String shortSpec(Params p) {
    String defaults = Catalog.get(p.id()).defaults().spec();
    return p.spec().equals(defaults) ? p.id() : p.spec();
  }

  /** The resolved specs by name: {@code loss}, {@code regularizer.1}, ..., {@code procedure} (recorded in the checkpoint as {@code run.<name>}). */
  Map<String, String> record() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("loss", loss.spec());
    for (int i = 0; i < regularizers.size(); i++) p.put("regularizer." + (i + 1), regularizers.get(i).spec());
    if (procedure != null) p.put("procedure", procedure.spec());
    return p;
  }
}
