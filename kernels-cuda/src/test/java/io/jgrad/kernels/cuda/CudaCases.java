package io.jgrad.kernels.cuda;

import java.util.ArrayList;
import java.util.List;

/** The whole differential catalogue (built without touching any backend). */
final class CudaCases {
  private CudaCases() {}

  static List<Diff> all() {
    List<Diff> c = new ArrayList<>();
    c.addAll(CasesElementwise.all());
    c.addAll(CasesReduce.all());
    c.addAll(CasesIndex.all());
    c.addAll(CasesLinalg.all());
    return c;
  }
}
