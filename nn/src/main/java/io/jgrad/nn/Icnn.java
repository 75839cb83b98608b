package io.jgrad.nn;

import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The input-convex network of {@link LegendreLink} (CP-Flow's {@code ICNN3}, as used by the
 * LegendreTron reference code): {@code z = softplus(Wz0 x)}; then for each of the depth - 1
 * hidden layers {@code z = cat(softplus(actnorm(PosLinear(z) + Wx x)), softplus(Wx2 x))}; output
 * {@code actnorm(PosLinear(z) + wx x)} [N, 1]. Convex in x: the z-path weights are non-negative and
 * softplus is convex and increasing. Hidden width {@code dimh} (even).
 */
final class Icnn extends Module {
  private final List<Module> wz = new ArrayList<>();
  private final List<Linear> wx = new ArrayList<>();
  private final List<Linear> wx2 = new ArrayList<>();
  private final List<IcnnActNorm> norms = new ArrayList<>();

  Icnn(int dim, int dimh, int depth, Generator g) {
    ModuleList wzs = registerModule("Wzs", new ModuleList()), wxs = registerModule("Wxs", new ModuleList());
    ModuleList wx2s = registerModule("Wx2s", new ModuleList()), acts = registerModule("actnorms", new ModuleList());
    add(wzs, wz, new Linear(dim, dimh, true, g));
    for (int i = 0; i < depth - 1; i++) add(wzs, wz, new IcnnPositiveLinear(dimh, dimh / 2, true, g));
    add(wzs, wz, new IcnnPositiveLinear(dimh, 1, false, g));
    for (int i = 0; i < depth - 1; i++) add(wxs, wx, new Linear(dim, dimh / 2, true, g));
    add(wxs, wx, new Linear(dim, 1, false, g));
    for (int i = 0; i < depth - 1; i++) add(wx2s, wx2, new Linear(dim, dimh / 2, true, g));
    for (int i = 0; i < depth - 1; i++) add(acts, norms, new IcnnActNorm(dimh / 2, true));
    add(acts, norms, new IcnnActNorm(1, false));
  }

  private static <M extends Module> void add(ModuleList list, List<? super M> mine, M m) {
    list.add(m);
    mine.add(m);
  }

  @Override
  public Tensor forward(Tensor x) {
    Tensor z = wz.get(0).forward(x).softplus();
    for (int i = 0; i < norms.size() - 1; i++) {
      z = norms.get(i).forward(wz.get(i + 1).forward(z).add(wx.get(i).forward(x))).softplus();
      z = Tensor.cat(List.of(z, wx2.get(i).forward(x).softplus()), 1);
    }
    return norms.get(norms.size() - 1).forward(wz.get(wz.size() - 1).forward(z).add(wx.get(wx.size() - 1).forward(x)));
  }
}
