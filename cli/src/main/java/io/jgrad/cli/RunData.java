package io.jgrad.cli;

import io.jgrad.nn.data.TensorDataset;
import io.jgrad.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The datasets of a run, prepared as the run's checkpoint describes: class labels mapped by the
 * {@link LabelMap}, missing cells handled by the {@link MissingPolicy}, features standardized by
 * the {@link Standardizer}, the validation split held out of the training data ({@link ValSplit}).
 * Everything is fitted on the training split only; {@code val} and {@code test} may be null.
 */
record RunData(String name, TensorDataset train, TensorDataset val, TensorDataset test, int[] exampleShape, LabelMap labels,
               List<String> featureNames, String labelName, Standardizer standardizer, MissingPolicy missing, MissingFill fill, String notes,
               List<String> targetNames) {
  /** Fashion-MNIST's class names, in label order. */
  static final List<String> FASHION_LABELS = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
      "Bag", "Ankle boot");
  static final double DEFAULT_VAL_SPLIT = 0.1;
  /** Options that only CSV data take. */
  static final List<String> CSV_ONLY = List.of("train", "test", "label-column", "header", "classes", "missing");

  /** The class count (0 for regression). */
  int classes() { return labels == null ? 0 : labels.size(); }

  /** The regression targets per example (0 for classification). */
  int targets() { return targetNames.size(); }

  /** Standardization is on by default for CSV data and off for the image datasets (already in [0, 1]). */
  static boolean standardizeByDefault(String dataset) { return dataset.equals("csv"); }

  /**
   * The training, validation and test sets of {@code o}. With {@code prior} (a resumed run) the
   * label map, the missing-value fill and the standardization are the checkpoint's, not refitted.
   */
  static RunData forTraining(Options o, TrainSettings s, RunInfo prior) {
    if (!s.dataset().equals("csv")) {
      for (String k : CSV_ONLY) {
        if (o.has(k)) throw new IllegalArgumentException("--" + k + " is an option of --dataset csv (this run reads " + s.dataset() + ")");
      }
    }
    double fraction = s.valSplit();
    long seed = s.seed();
    Parts p = switch (s.dataset()) {
      case "digits" -> images(DataSources.digits(), LabelMap.indices(10), fraction, seed, o.has("val-split"));
      case "fashion-mnist" -> images(DataSources.fashion(o, true), new LabelMap(FASHION_LABELS), fraction, seed, o.has("val-split"));
      default -> csvTraining(o, prior, fraction, seed, s.task().equals("regression"));
    };
    Standardizer std = null;
    if (s.standardize()) std = prior != null && prior.standardizer() != null ? prior.standardizer() : Standardizer.fit(p.train.features());
    return new RunData(p.name, scaled(p.train, std), scaled(p.val, std), scaled(p.test, std), p.shape, p.labels, p.featureNames,
        p.labelName, std, p.missing, p.fill, p.notes, p.targetNames);
  }

  /** The test set of a run described by {@code info} ({@code o}: the command line over the run's options). */
  static RunData forEval(Options o, RunInfo info) {
    String dataset = o.choice("dataset", info.dataset(), "digits", "fashion-mnist", "csv");
    Parts p;
    if (dataset.equals("csv")) {
      p = csvTest(o, info);
    } else {
      DataSources.Data d = dataset.equals("digits") ? DataSources.digits() : DataSources.fashion(o, false);
      p = new Parts(d.name(), null, null, d.test(), d.exampleShape(), info.labels(), null, null, MissingPolicy.ERROR, null, "", List.of());
    }
    Standardizer std = info.standardizer();
    return new RunData(p.name, null, null, scaled(p.test, std), p.shape, info.labels(), info.featureNames(), info.labelName(), std,
        info.missing(), info.fill(), p.notes, p.targetNames);
  }

  /** Unscaled parts, before standardization. */
  private record Parts(String name, TensorDataset train, TensorDataset val, TensorDataset test, int[] shape, LabelMap labels,
                       List<String> featureNames, String labelName, MissingPolicy missing, MissingFill fill, String notes,
                       List<String> targetNames) {}

  private static Parts images(DataSources.Data d, LabelMap labels, double fraction, long seed, boolean strict) {
    TensorDataset all = d.train();
    ValSplit s = ValSplit.of(all.labels().toLongArray(), all.size(), labels.size(), fraction, seed, strict);
    return new Parts(d.name(), subset(all, s.train()), s.val().length == 0 ? null : subset(all, s.val()), d.test(), d.exampleShape(),
        labels, null, null, MissingPolicy.ERROR, null, "", List.of());
  }

  private static TensorDataset subset(TensorDataset d, long[] idx) {
    try (Tensor i = Tensor.of(idx)) {
      return new TensorDataset(d.features().indexSelect(0, i), d.labels().indexSelect(0, i));
    }
  }

  /** The CSV columns of a classification (one label column) or a regression (target columns). */
  private static CsvTable.Spec columns(Options o, boolean regression, MissingPolicy missing) {
    CsvTable.Spec spec = CsvTable.spec().header(o.flag("header")).missing(missing);
    return regression ? spec.targets(RegressionTask.targetColumns(o)) : spec.label(labelColumn(o));
  }

  private static Parts csvTraining(Options o, RunInfo prior, double fraction, long seed, boolean regression) {
    MissingPolicy missing = MissingPolicy.parse(o.str("missing", "error"));
    Path trainFile = file(o, "train");
    CsvTable.Spec spec = columns(o, regression, missing);
    CsvTable train = CsvTable.read(trainFile, spec);
    LabelMap labels = null;
    long[] y = null;
    if (!regression) {
      if (prior != null && prior.labels() != null) labels = prior.labels();
      else labels = LabelMap.fit(train, o.has("classes") ? o.positiveInt("classes", 2) : 0);
      y = labels.encode(train, o.has("classes") ? "is outside --classes " + labels.size() + " (labels 0.." + (labels.size() - 1) + ")"
          : labels.unseen());
    }
    ValSplit s = ValSplit.of(y, train.rows(), regression ? 1 : labels.size(), fraction, seed, o.has("val-split"));
    MissingFill fill = null;
    if (missing == MissingPolicy.MEAN) {
      fill = prior != null && prior.fill() != null ? prior.fill() : MissingFill.fit(train, s.train());
      fill.apply(train.x());
    }
    CsvTable test = null;
    if (o.has("test")) {
      test = CsvTable.read(file(o, "test"), spec.expect(train.features(), "as in the training file " + trainFile));
      if (train.featureNames() != null && test.featureNames() != null && !train.featureNames().equals(test.featureNames())) {
        throw new IllegalArgumentException("CSV " + test.file() + ": the header's feature columns " + test.featureNames() + " differ from "
            + trainFile + "'s " + train.featureNames());
      }
      if (fill != null) fill.apply(test.x());
    }
    int f = train.features();
    TensorDataset tr = dataset(train, s.train(), y), va = s.val().length == 0 ? null : dataset(train, s.val(), y);
    TensorDataset te = test == null ? null : dataset(test, null, regression ? null : labels.encode(test, labels.unseen()));
    String notes = dropped(train) + (test == null ? "" : dropped(test));
    if (va == null && fraction > 0) notes += train.rows() + " training rows are too few for --val-split " + Help.fmt(fraction) + ": no validation; ";
    String name = "csv " + trainFile.getFileName() + (regression ? " (regression, " + train.targetNames().size() + " target"
        + (train.targetNames().size() == 1 ? ")" : "s)") : "");
    return new Parts(name, tr, va, te, new int[] {f}, labels, train.featureNames(), train.labelName(), missing, fill, notes, train.targetNames());
  }

  private static Parts csvTest(Options o, RunInfo info) {
    if (!o.has("test")) {
      throw new IllegalArgumentException("the run had no --test file; pass --test FILE (a CSV laid out as the training file)");
    }
    boolean regression = info.task().equals("regression");
    int f = ModelSpec.features(info.model().inputShape());
    CsvTable.Spec spec = columns(o, regression, info.missing()).expect(f, "the model's input features");
    CsvTable test = CsvTable.read(file(o, "test"), spec);
    if (info.featureNames() != null && test.featureNames() != null && !info.featureNames().equals(test.featureNames())) {
      throw new IllegalArgumentException("CSV " + test.file() + ": the header's feature columns " + test.featureNames()
          + " differ from those the model was trained on " + info.featureNames());
    }
    if (regression && test.targetNames().size() != info.targets()) {
      throw new IllegalArgumentException("CSV " + test.file() + ": " + test.targetNames().size() + " target columns, the model has " + info.targets());
    }
    if (info.fill() != null) info.fill().apply(test.x());
    TensorDataset te = dataset(test, null, regression ? null : info.labels().encode(test, info.labels().unseen()));
    return new Parts("csv " + test.file().getFileName(), null, null, te, new int[] {f}, info.labels(), info.featureNames(),
        info.labelName(), info.missing(), info.fill(), dropped(test), test.targetNames());
  }

  private static String dropped(CsvTable t) {
    return t.dropped() == 0 ? "" : t.dropped() + " rows of " + t.file().getFileName() + " with missing values dropped; ";
  }

  /** The rows {@code idx} (null: all) with class indices {@code y}, or (y null) the table's regression targets [n] or [n, T]. */
  private static TensorDataset dataset(CsvTable t, long[] idx, long[] y) {
    if (y == null) {
      int n = idx == null ? t.rows() : idx.length, k = t.targetNames().size();
      float[] v = new float[n * k];
      for (int i = 0; i < n; i++) System.arraycopy(t.targets(), (idx == null ? i : (int) idx[i]) * k, v, i * k, k);
      float[] x = idx == null ? t.x() : t.rowsOf(idx);
      return new TensorDataset(Tensor.fromArray(x, n, t.features()), k == 1 ? Tensor.fromArray(v, n) : Tensor.fromArray(v, n, k), Map.of());
    }
    if (idx == null) return new TensorDataset(Tensor.fromArray(t.x(), t.rows(), t.features()), Tensor.fromArray(y, t.rows()));
    long[] yy = new long[idx.length];
    for (int i = 0; i < idx.length; i++) yy[i] = y[(int) idx[i]];
    return new TensorDataset(Tensor.fromArray(t.rowsOf(idx), idx.length, t.features()), Tensor.fromArray(yy, idx.length));
  }

  private static TensorDataset scaled(TensorDataset d, Standardizer std) {
    if (d == null || std == null) return d;
    return d.labels().dtype() == io.jgrad.tensor.DType.INT64 && d.labels().dim() == 1 ? new TensorDataset(std.apply(d.features()), d.labels())
        : new TensorDataset(std.apply(d.features()), d.labels(), Map.of());
  }

  /** {@code --label-column}: an integer (0-based, negative from the end; default -1, the last) or, with --header, a column name. */
  static Object labelColumn(Options o) {
    String v = o.str("label-column", "-1").trim();
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return v;
    }
  }

  static Path file(Options o, String key) {
    Path p = Path.of(o.str(key, ""));
    if (!o.has(key)) throw new IllegalArgumentException("--dataset csv needs --" + key + " FILE");
    if (!Files.isRegularFile(p)) throw new IllegalArgumentException("--" + key + ": file not found: " + p);
    return p;
  }
}
