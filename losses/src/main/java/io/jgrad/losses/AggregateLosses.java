package io.jgrad.losses;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Losses for learning from aggregate responses: each bag a of instances has one response ȳ_a
 * (the mean of its members' responses), the model predicts per instance. Paper 34 ("Learning
 * from Aggregate responses: Instance Level versus Bag Level Loss Functions").
 */
public final class AggregateLosses {
  private AggregateLosses() {}

  /**
   * The interpolating aggregate loss per bag a of size k_a, with {@code f̄_a} the mean prediction:
   * {@code L_ρ = (ȳ_a − f̄_a)² + ρ·(1/k_a)·Σ_{i∈a} (f_i − f̄_a)²}. ρ = 0 is the bag-level loss
   * {@code (ȳ_a − f̄_a)²}; ρ = 1 the instance-level loss {@code (1/k_a)·Σ_{i∈a} (ȳ_a − f_i)²}
   * (the paper's identity: instance loss = bag loss + within-bag prediction variance; a test pins
   * it). The bag response {@code ȳ_a} is the mean of {@code target} over the bag, so a target that
   * repeats the bag's aggregate on every member and one with individual responses give the same
   * loss. The paper's interpolating estimator is written with this ρ here; its own
   * parameterisation was not checked (the algebra of the two end points is exact). Reference
   * value: predictions [1, 2, 4] in one bag with response 2: bag 0.1111111, instance 1.6666667.
   *
   * <p>Shape: input and target [N] (or [N, 1]); bags [N] integer bag ids (any values; bags are
   * numbered in order of first appearance). NONE gives [number of bags] in that order; MEAN
   * averages over bags, SUM adds them.
   */
  public static Tensor aggregate(Tensor input, Tensor target, Tensor bags, double rho, Reduction reduction) {
    String op = "aggregate_response_loss";
    Check.notNull(op, "input", input, "target", target, "bags", bags, "reduction", reduction);
    Check.floating(op, "input", input);
    Check.floating(op, "target", target);
    Check.sameShape(op, input, "input", target, "target");
    if (!(rho >= 0) || !Double.isFinite(rho)) throw new IllegalArgumentException(op + ": rho must be >= 0, got " + rho);
    Tensor f = input.flatten(), y = target.flatten().to(f.dtype());
    if (bags.dtype().isFloatingPoint() || bags.numel() != f.numel()) {
      throw new IllegalArgumentException(op + ": bags must be integer ids with one per instance (" + f.numel() + "), got "
          + bags.dtype() + " " + Check.shape(bags));
    }
    long[] ids = bags.to(DType.INT64).toLongArray();
    Map<Long, Integer> number = new LinkedHashMap<>();
    long[] seg = new long[ids.length];
    for (int i = 0; i < ids.length; i++) seg[i] = number.computeIfAbsent(ids[i], k -> number.size());
    int m = number.size();
    double[] sizes = new double[m];
    for (long s : seg) sizes[(int) s]++;
    Tensor index = Tensor.of(seg).to(f.device());
    Tensor k = Tensor.of(sizes).to(f.dtype()).to(f.device());
    Tensor fBar = segmentSum(f, index, m).div(k);
    Tensor yBar = segmentSum(y, index, m).div(k);
    Tensor bag = yBar.sub(fBar).pow(2);
    Tensor dev = f.sub(fBar.indexSelect(0, index));
    Tensor within = segmentSum(dev.mul(dev), index, m).div(k);
    return Check.reduce(rho == 0 ? bag : bag.add(within.mul(rho)), reduction);
  }

  private static Tensor segmentSum(Tensor v, Tensor index, int m) {
    return Tensor.zeros(v.dtype(), m).to(v.device()).indexAdd(0, index, v, 1);
  }
}
