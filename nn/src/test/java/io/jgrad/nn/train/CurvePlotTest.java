package io.jgrad.nn.train;

import static org.junit.jupiter.api.Assertions.*;

import io.jgrad.nn.Module;
import io.jgrad.nn.optim.SGD;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurvePlotTest {
  @Test
  void fitWritesAReadablePngAndAnSvgWithCurves(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("out/curves.png");
    Path svg = dir.resolve("out/curves.svg");
    Module m = Fixtures.mlp(3);
    Trainer.builder(m, new SGD(m.parameters(), 0.2), Fixtures::crossEntropy).epochs(4).callbacks(new CurvePlot(png, svg)).build()
        .fit(Fixtures.loader(Fixtures.separable(300, 1), 30, true), Fixtures.loader(Fixtures.separable(100, 2), 50, false));
    BufferedImage img = ImageIO.read(png.toFile());
    assertNotNull(img, "ImageIO reads the PNG back");
    assertEquals(CurvePlot.WIDTH, img.getWidth());
    assertEquals(CurvePlot.HEIGHT, img.getHeight());
    // Both curve colors are present (train blue 1f77b4, validation orange ff7f0e), on a white background.
    assertEquals(0xffffff, img.getRGB(2, 2) & 0xffffff);
    assertTrue(countColor(img, 0x1f77b4) > 50, "train curve pixels");
    assertTrue(countColor(img, 0xff7f0e) > 50, "validation curve pixels");

    String s = Files.readString(svg);
    assertTrue(s.startsWith("<?xml") && s.contains("<svg xmlns=\"http://www.w3.org/2000/svg\"") && s.strip().endsWith("</svg>"));
    // 2 panels x (train, validation) + the learning rate = 5 polylines of 4 points each.
    Matcher mt = Pattern.compile("<polyline [^>]*points=\"([^\"]*)\"").matcher(s);
    List<String> polys = new ArrayList<>();
    while (mt.find()) polys.add(mt.group(1));
    assertEquals(5, polys.size(), s);
    for (String p : polys) assertEquals(4, p.split(" ").length, p);
    assertTrue(s.contains(">loss</text>") && s.contains(">accuracy</text>") && s.contains(">validation</text>")
        && s.contains(">learning rate</text>"));
    assertFalse(Files.exists(dir.resolve("out/.curves.png.tmp")));
  }

  @Test
  void nanPointsBreakTheCurveAndOneEpochStillDraws(@TempDir Path dir) throws Exception {
    List<EpochResult> rs = List.of(
        new EpochResult(1, 1.0, 0.5, null, 1, 0.1),
        new EpochResult(2, Double.NaN, 0.6, null, 1, 0.1),
        new EpochResult(3, 0.5, 0.7, null, 1, 0.1),
        new EpochResult(4, 0.4, 0.8, null, 1, 0.1));
    Path svg = dir.resolve("c.svg");
    CurvePlot.render(rs, null, svg);
    String s = Files.readString(svg);
    // loss: [1] and [3, 4]; accuracy: [1..4]; learning rate: [1..4]; no validation curve nor legend.
    assertEquals(4, s.split("<polyline").length - 1, s);
    assertFalse(s.contains(">validation</text>"));
    Path png = dir.resolve("one.png");
    CurvePlot.render(rs.subList(0, 1), png, null);
    assertEquals(CurvePlot.WIDTH, ImageIO.read(png.toFile()).getWidth());
    assertEquals(2.0, CurvePlot.niceStep(1.7), 1e-12);
    assertEquals(0.05, CurvePlot.niceStep(0.04), 1e-12);
    assertEquals(10.0, CurvePlot.niceStep(8), 1e-12);
    var e = assertThrows(IllegalArgumentException.class, () -> new CurvePlot(null, null));
    assertTrue(e.getMessage().contains("PNG path, an SVG path or both"));
    assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", SvgCanvas.escape("a <b> & \"c\""));
  }

  @Test
  void theLearningRatePanelFollowsTheSchedule(@TempDir Path dir) throws Exception {
    double[] lr = {0.1, 0.05, 0.025, 0.0}; // down to 0, as a cosine schedule ends
    List<EpochResult> rs = new ArrayList<>();
    for (int e = 0; e < lr.length; e++) rs.add(new EpochResult(e + 1, 1.0 / (e + 1), 0.5 + 0.1 * e, null, 1, lr[e]));
    Path svg = dir.resolve("lr.svg");
    CurvePlot.render(rs, null, svg);
    String s = Files.readString(svg);
    Matcher mt = Pattern.compile("<polyline [^>]*points=\"([^\"]*)\"").matcher(s);
    List<String> polys = new ArrayList<>();
    while (mt.find()) polys.add(mt.group(1));
    assertEquals(3, polys.size(), s);
    // The third panel's curve: x in the right third, y (screen, downwards) growing as the rate falls, by equal halvings' steps.
    String[] pts = polys.get(2).split(" ");
    double[] ys = new double[pts.length];
    for (int i = 0; i < pts.length; i++) {
      String[] xy = pts[i].split(",");
      assertTrue(Double.parseDouble(xy[0]) > 2 * CurvePlot.WIDTH / 3.0, pts[i]);
      ys[i] = Double.parseDouble(xy[1]);
    }
    for (int i = 1; i < ys.length; i++) assertTrue(ys[i] > ys[i - 1], polys.get(2));
    assertEquals(2 * (ys[2] - ys[1]), ys[1] - ys[0], 0.05, "linear axis (SVG coordinates have 2 decimals): the first drop is twice the second");
    assertTrue(s.contains(">learning rate</text>"));
    assertFalse(s.contains(">-0.0"), "no negative zero tick labels");
  }

  private static int countColor(BufferedImage img, int rgb) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xffffff) == rgb) n++;
    return n;
  }
}
