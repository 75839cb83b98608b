package io.jgrad.cli;

import static io.jgrad.cli.TrainSettings.ADAMW_WEIGHT_DECAY;
import static io.jgrad.cli.TrainSettings.BATCH_SIZE;
import static io.jgrad.cli.TrainSettings.EPOCHS;
import static io.jgrad.cli.TrainSettings.FASHION_EPOCHS;
import static io.jgrad.cli.TrainSettings.LR;
import static io.jgrad.cli.TrainSettings.MOMENTUM;
import static io.jgrad.cli.TrainSettings.SEED;
import static io.jgrad.cli.TrainSettings.SGD_LR;

import java.io.PrintStream;
import java.util.List;

/**
 * The help texts: {@code bin/jgrad} (no arguments), {@code help}, {@code help COMMAND} and
 * {@code COMMAND --help}. Defaults are printed from the constants the commands use.
 */
final class Help {
  static final List<String> COMMANDS = List.of("train", "eval", "predict", "demo", "devices", "catalog", "help");

  private Help() {}

  /** A plain decimal: 0.0001, not 1.0E-4. */
  static String fmt(double d) { return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString(); }

  static void usage(PrintStream p) {
    p.println("usage: bin/jgrad <command> [--option value ...]      (bin/jgrad <command> --help for its options)");
    p.println("  train    train a network on the embedded digits, Fashion-MNIST or your CSV files; writes runs/<time>/");
    p.println("  eval     a checkpoint on its test set: loss, accuracy, per-class precision/recall/F1, confusion matrix");
    p.println("  predict  a checkpoint's predictions (class, label, probabilities) for the rows of a CSV file");
    p.println("  demo     the hand-written autograd MLP on the embedded digits (a few seconds)");
    p.println("  devices  the devices --device accepts here, and why a GPU backend has none");
    p.println("  catalog  the research catalog's components: list, show ID, demo ID");
    p.println("  sweep    with the spark module: losses x regularizers x procedures x seeds as a Spark job (sweep --help)");
    p.println("  help     this text; help COMMAND: that command's options");
    p.println("  --version  jgrad's version");
    p.println("Start with: bin/jgrad train   (a CNN on the digits, about 10 s)");
    p.println("Your data:  bin/jgrad train --dataset csv --train train.csv --test test.csv --header --label-column species");
  }

  /** The help of {@code command}; false when there is no such command. */
  static boolean command(String command, PrintStream p) {
    switch (command) {
      case "train" -> train(p);
      case "eval" -> eval(p);
      case "predict" -> predict(p);
      case "demo" -> demo(p);
      case "devices" -> {
        p.println("usage: bin/jgrad devices");
        p.println("Lists the devices --device accepts (cpu, opencl:i, cuda:i) and, for each GPU backend without a device,");
        p.println("why (no driver, no platform, module not on the class path). Takes no options.");
      }
      case "catalog" -> catalog(p);
      case "help" -> usage(p);
      default -> {
        return false;
      }
    }
    return true;
  }

  private static void train(PrintStream p) {
    p.println("usage: bin/jgrad train [options]           defaults in [brackets]");
    p.println("task");
    p.println("  --task classification|regression  [classification]");
    p.println("  --target-columns i,j  regression: the target columns, by index or header name  [--label-column]");
    p.println("  --outputs K           regression: output units  [one per target; one per taus level of pinball_loss]");
    p.println("data");
    p.println("  --dataset digits|fashion-mnist|csv  [digits; csv for regression]");
    p.println("  --data-dir DIR        Fashion-MNIST's four IDX .gz files  [" + DataSources.FASHION_DIR + "]");
    p.println("  --train FILE          CSV training file (required with --dataset csv)");
    p.println("  --test FILE           CSV test file, reported at the end only  [none: no test report]");
    p.println("  --label-column N|NAME the label column: 0-based, negative from the end, or a header name  [-1, the last]");
    p.println("  --header              the CSV files' first line is a header  [off]");
    p.println("  --classes K           labels are the integers 0..K-1  [the distinct training labels, sorted]");
    p.println("  --missing error|drop|mean  empty, NaN or inf feature cells: refuse, drop the row, or fill with the");
    p.println("                        training mean  [error]");
    p.println("  --standardize, --no-standardize  (x - mean) / std per feature, fitted on the training split");
    p.println("                        [on for csv, off for digits and fashion-mnist]");
    p.println("  --val-split F         fraction of the training data held out (stratified, seeded) to pick the best");
    p.println("                        checkpoint (lowest loss); 0: none, the training loss picks  [" + fmt(RunData.DEFAULT_VAL_SPLIT) + "]");
    p.println("model");
    p.println("  --model mlp|cnn       [cnn on digits, mlp otherwise] (regression: mlp only)");
    p.println("  --hidden W,W,...      mlp hidden widths, 'none' for a linear model  [256,128 for 784 features, 128 otherwise]");
    p.println("  --channels C,C,...    cnn: one conv-relu-maxpool block per width  [" + ModelSpec.join(ModelSpec.DEFAULT_CHANNELS) + "]");
    p.println("  --kernel K            cnn: odd kernel size, padding K/2  [" + ModelSpec.DEFAULT_KERNEL + "]");
    p.println("objective");
    p.println("  --loss ID[:k=v,...]   a catalog loss (bin/jgrad catalog --kind loss)  [" + Components.DEFAULT_LOSS + "; regression "
        + RegressionTask.DEFAULT_LOSS + "]");
    p.println("  --regularizer ID[:k=v,...]  repeatable;  --procedure ID[:k=v,...]  a training step (sam, ...)  [none]");
    p.println("optimization");
    p.println("  --optimizer sgd|adam|adamw  [" + TrainSettings.OPTIMIZER + "]");
    p.println("  --lr X                [" + fmt(LR) + "; sgd " + fmt(SGD_LR) + "]");
    p.println("  --momentum X          sgd only  [" + fmt(MOMENTUM) + "]");
    p.println("  --weight-decay X      [" + fmt(ADAMW_WEIGHT_DECAY) + " for adamw, 0 otherwise]");
    p.println("  --schedule none|step|cosine|onecycle  [" + TrainSettings.SCHEDULE + "]");
    p.println("  --epochs N            [" + EPOCHS + "; fashion-mnist " + FASHION_EPOCHS + "]");
    p.println("  --batch-size N        [" + BATCH_SIZE + "]");
    p.println("  --seed N              weights, shuffling and the validation split  [" + SEED + "]");
    p.println("  --early-stopping P    stop after P epochs without a lower validation loss  [off]");
    p.println("run");
    p.println("  --threads N           CPU threads, applied at JVM start-up  [all cores]");
    p.println("  --device cpu|opencl[:i]|cuda[:i]  [cpu]");
    p.println("  --out DIR             [runs/<yyyyMMdd-HHmmss>]");
    p.println("  --resume CHECKPOINT   continue a run up to --epochs; its options are the checkpoint's unless given");
    p.println("  --spark MASTER        data-parallel on Spark (the spark module; docs/spark.md): local[N], spark://host:7077,");
    p.println("                        yarn, default (spark-submit's); --batch-size is the global batch  [off]");
    p.println("  --workers N           with --spark: workers (barrier tasks)  [Spark's default parallelism]");
    p.println("Writes best.safetensors (lowest validation loss) and epoch-NNN.safetensors (last), each describing its");
    p.println("model, labels, standardization and options; metrics.csv, metrics.jsonl, curves.png/.svg (loss, accuracy,");
    p.println("learning rate); with --test: confusion.csv, per_class.csv, eval.json for the best checkpoint.");
  }

  private static void eval(PrintStream p) {
    p.println("usage: bin/jgrad eval --checkpoint FILE [options]");
    p.println("Rebuilds the model from the checkpoint alone and evaluates it on the run's test set: loss, accuracy,");
    p.println("per-class precision, recall and F1 (macro and weighted averages), and the confusion matrix; for a");
    p.println("regression run RMSE, MAE, R2, MAPE and MBE (and each quantile head's coverage).");
    p.println("  --checkpoint FILE     a checkpoint of bin/jgrad train (required)");
    p.println("  --test FILE           another CSV test file laid out as the training file  [the run's --test]");
    p.println("  --label-column N|NAME, --header  how that file is read  [the run's]");
    p.println("  --dataset, --data-dir  another dataset or Fashion-MNIST directory  [the run's]");
    p.println("  --loss ID[:k=v,...]   the loss to report  [the run's]");
    p.println("  --out DIR             where confusion.csv, per_class.csv and eval.json go  [the checkpoint's directory]");
    p.println("  --predictions FILE    regression runs: each test row's targets and outputs as CSV  [none]");
    p.println("  --batch-size N [256]  --device D [cpu]  --threads N [all cores]");
    p.println("  --model mlp|cnn       only for checkpoints of earlier jgrad versions, which do not say  [cnn on digits, else mlp]");
  }

  private static void predict(PrintStream p) {
    p.println("usage: bin/jgrad predict --checkpoint FILE --input FILE [--output FILE] [options]");
    p.println("One CSV row per input row: row,class,label,p_<label>,... (class index, label name, softmax probability");
    p.println("of each class; a regression run: row,value or row,value_1,...). The input holds the model's feature");
    p.println("columns: with a header they are found by name");
    p.println("(other columns are ignored), without one they are the training's feature columns in order.");
    p.println("Missing cells follow the run's --missing; features are standardized as in training.");
    p.println("  --checkpoint FILE     a checkpoint of bin/jgrad train (required)");
    p.println("  --input FILE          the rows to predict (required)");
    p.println("  --output FILE         [standard output]");
    p.println("  --header, --no-header  [detected: a first line with a non-numeric cell is a header]");
    p.println("  --label-column N|NAME  a column to skip (a labelled file)  [none]");
    p.println("  --batch-size N [256]  --device D [cpu]  --threads N [all cores]");
  }

  private static void demo(PrintStream p) {
    p.println("usage: bin/jgrad demo [options]");
    p.println("A 64-hidden-10 ReLU perceptron on the embedded digits, written with tensors and loss.backward(), trained");
    p.println("with mini-batch SGD with momentum; prints the loss per epoch and the test accuracy (about 96%).");
    p.println("  --epochs N [" + DigitsDemo.EPOCHS + "]  --batch N [" + DigitsDemo.BATCH + "]  --hidden N [" + DigitsDemo.HIDDEN
        + "]  --lr X [" + fmt(DigitsDemo.LR) + "]  --momentum X [" + fmt(DigitsDemo.MOMENTUM) + "]  --seed N [" + DigitsDemo.SEED + "]");
  }

  private static void catalog(PrintStream p) {
    p.println("usage: bin/jgrad catalog [--kind K] [--status done|partial|planned|blocked] [--markdown]");
    p.println("       bin/jgrad catalog show ID");
    p.println("       bin/jgrad catalog demo ID [--seeds N] [--smoke] [--docs DIR]");
    p.println("Lists the research catalog's components (id, kind, paper, priority, package, status); --markdown writes");
    p.println("docs/catalog.md. show: paper, code, parameters with defaults, status. demo: runs the component's");
    p.println("demonstration against its baseline over --seeds seeds [" + io.jgrad.cli.demo.DemoRunner.DEFAULT_SEEDS
        + "]; --smoke a reduced run; --docs where the table goes [docs/catalog].");
  }
}
