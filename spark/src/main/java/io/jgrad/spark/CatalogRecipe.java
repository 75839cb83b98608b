package io.jgrad.spark;

import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.nn.Module;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.tensor.Generator;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TrainingRecipe} whose objective side is named by catalog specs
 * ({@code "focal_loss:gamma=2"}, {@code "total_variation_loss:weight=1e-4"}, {@code "sam:rho=0.05"}),
 * built on each worker with {@link Catalog#create(String, Kind, Class)}; the model, optimizer and
 * schedule come from serializable factories. Immutable: the {@code with*} methods return copies
 * (what a sweep varies).
 *
 * @param loss a LOSS spec
 * @param regularizerSpecs REGULARIZER specs (may be empty)
 * @param procedure a PROCEDURE spec, or null for the standard step
 * @param schedule a schedule factory, or null for a constant learning rate
 */
public record CatalogRecipe(ModelFactory modelFactory, OptimizerFactory optimizerFactory, String loss, List<String> regularizerSpecs,
                            String procedure, ScheduleFactory schedule) implements TrainingRecipe {
  public CatalogRecipe {
    if (modelFactory == null || optimizerFactory == null) throw new IllegalArgumentException("CatalogRecipe: model and optimizer factories are required");
    if (loss == null || loss.isBlank()) throw new IllegalArgumentException("CatalogRecipe: a loss spec is required");
    regularizerSpecs = List.copyOf(regularizerSpecs == null ? List.of() : regularizerSpecs);
  }

  /** The standard step, no regularizer, no schedule. */
  public static CatalogRecipe of(ModelFactory model, OptimizerFactory optimizer, String loss) {
    return new CatalogRecipe(model, optimizer, loss, List.of(), null, null);
  }

  public CatalogRecipe withLoss(String spec) { return new CatalogRecipe(modelFactory, optimizerFactory, spec, regularizerSpecs, procedure, schedule); }

  public CatalogRecipe withRegularizers(List<String> specs) {
    return new CatalogRecipe(modelFactory, optimizerFactory, loss, specs, procedure, schedule);
  }

  /** {@code spec} null or "none": the standard step. */
  public CatalogRecipe withProcedure(String spec) {
    return new CatalogRecipe(modelFactory, optimizerFactory, loss, regularizerSpecs, spec == null || spec.equals("none") ? null : spec, schedule);
  }

  public CatalogRecipe withSchedule(ScheduleFactory s) { return new CatalogRecipe(modelFactory, optimizerFactory, loss, regularizerSpecs, procedure, s); }

  public CatalogRecipe withOptimizer(OptimizerFactory o) { return new CatalogRecipe(modelFactory, o, loss, regularizerSpecs, procedure, schedule); }

  /** Builds every catalog component once, so an unknown id or a bad parameter fails on the driver, before any job starts. */
  public CatalogRecipe validate() {
    objective();
    regularizers();
    step();
    return this;
  }

  /** "loss + reg + procedure": the components, for tables. */
  public String describe() {
    StringBuilder sb = new StringBuilder(loss);
    for (String r : regularizerSpecs) sb.append(" + ").append(r);
    if (procedure != null) sb.append(" + ").append(procedure);
    return sb.toString();
  }

  @Override
  public Module model(Generator g) { return modelFactory.create(g); }

  @Override
  public Optimizer optimizer(Module model) { return optimizerFactory.create(model.parameters()); }

  @Override
  public Objective objective() { return Catalog.create(loss, Kind.LOSS, Objective.class); }

  @Override
  public List<Regularizer> regularizers() {
    List<Regularizer> out = new ArrayList<>();
    for (String r : regularizerSpecs) out.add(Catalog.create(r, Kind.REGULARIZER, Regularizer.class));
    return out;
  }

  @Override
  public TrainStep step() { return procedure == null ? TrainStep.STANDARD : Catalog.create(procedure, Kind.PROCEDURE, TrainStep.class); }

  @Override
  public Schedule schedule(Optimizer optimizer, int epochs, int batchesPerEpoch) {
    return schedule == null ? null : schedule.create(optimizer, epochs, batchesPerEpoch);
  }
}
