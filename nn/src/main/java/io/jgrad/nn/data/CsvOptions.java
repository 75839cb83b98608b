package io.jgrad.nn.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Csv#read(java.nio.file.Path, CsvOptions)} makes of each column. A column is given
 * by 0-based index (negative from the end) or, with {@link #header}, by its header name. Labels
 * and targets exclude each other; every column not given a role is a feature.
 */
public final class CsvOptions {
  boolean header;
  Object label;
  final List<Object> targets = new ArrayList<>();
  final Map<String, Field> fields = new LinkedHashMap<>();
  final List<Object> ignored = new ArrayList<>();

  record Field(Object column, boolean integral) {}

  CsvOptions() {}

  /** Whether the first non-blank line names the columns (and is not data). */
  public CsvOptions header(boolean header) {
    this.header = header;
    return this;
  }

  /** Integral class labels (int64 [N]) in column {@code column}. */
  public CsvOptions labels(int column) { return setLabel(column); }

  /** Integral class labels (int64 [N]) in the column named {@code column}. */
  public CsvOptions labels(String column) { return setLabel(column); }

  private CsvOptions setLabel(Object column) {
    if (!targets.isEmpty()) throw new IllegalArgumentException("CsvOptions: labels and targets exclude each other (targets " + targets + ")");
    this.label = column;
    return this;
  }

  /** Float regression targets: float32 [N] for one column, [N, k] for k columns, in the order given. */
  public CsvOptions targets(int... columns) {
    for (int c : columns) addTarget(c);
    return this;
  }

  /** Float regression targets by header name; see {@link #targets(int...)}. */
  public CsvOptions targets(String... columns) {
    for (String c : columns) addTarget(c);
    return this;
  }

  private void addTarget(Object column) {
    if (label != null) throw new IllegalArgumentException("CsvOptions: labels and targets exclude each other (labels " + label + ")");
    targets.add(column);
  }

  /** A float32 [N] field {@code name} (propensities, weights) from column {@code column}. */
  public CsvOptions field(String name, int column) { return addField(name, column, false); }

  /** A float32 [N] field {@code name} from the column named {@code column}. */
  public CsvOptions field(String name, String column) { return addField(name, column, false); }

  /** An int64 [N] field {@code name} (group ids, bag ids) from column {@code column}; values must be integral. */
  public CsvOptions intField(String name, int column) { return addField(name, column, true); }

  /** An int64 [N] field {@code name} from the column named {@code column}; values must be integral. */
  public CsvOptions intField(String name, String column) { return addField(name, column, true); }

  private CsvOptions addField(String name, Object column, boolean integral) {
    if (name == null || name.isEmpty()) throw new IllegalArgumentException("CsvOptions: a field needs a name");
    if (fields.put(name, new Field(column, integral)) != null) throw new IllegalArgumentException("CsvOptions: field '" + name + "' given twice");
    return this;
  }

  /** Columns to skip (ids, free text that is not numeric must not be present: the file must be numeric). */
  public CsvOptions ignore(int... columns) {
    for (int c : columns) ignored.add(c);
    return this;
  }

  /** Columns to skip, by header name. */
  public CsvOptions ignore(String... columns) {
    ignored.addAll(List.of(columns));
    return this;
  }

  int minimumFields() { return 1 + (label != null ? 1 : 0) + targets.size() + fields.size() + ignored.size(); }

  String describe() {
    List<String> parts = new ArrayList<>(List.of("features"));
    if (label != null) parts.add("a label");
    if (!targets.isEmpty()) parts.add(targets.size() + " target(s)");
    if (!fields.isEmpty()) parts.add(fields.size() + " field(s)");
    if (!ignored.isEmpty()) parts.add(ignored.size() + " ignored");
    return String.join(", ", parts);
  }
}
