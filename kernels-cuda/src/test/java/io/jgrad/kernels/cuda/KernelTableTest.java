package io.jgrad.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.BinaryOp;
import io.jgrad.tensor.spi.PoolMode;
import io.jgrad.tensor.spi.RandomOp;
import io.jgrad.tensor.spi.ReduceOp;
import io.jgrad.tensor.spi.ScanOp;
import io.jgrad.tensor.spi.UnaryOp;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs without a GPU, on the committed resources: every kernel the Java code launches is an
 * {@code .entry} of its module's PTX, every {@code .cu} has its PTX and fatbin (and no PTX lacks a
 * source), and the op numbering of each {@code .cu} matches the Java enum whose ordinal is passed.
 */
class KernelTableTest {
  private static final String DIR = "/io/jgrad/kernels/cuda/";

  private static String text(String path) throws IOException {
    try (InputStream in = KernelTableTest.class.getResourceAsStream(path)) {
      assertNotNull(in, "missing resource " + path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Set<String> entries(String ptx) {
    Set<String> s = new HashSet<>();
    Matcher m = Pattern.compile("^\\.visible \\.entry (\\w+)\\(", Pattern.MULTILINE).matcher(ptx);
    while (m.find()) s.add(m.group(1));
    return s;
  }

  @Test
  void everyLaunchedKernelIsInItsPtx() throws IOException {
    int checked = 0;
    for (Kernel k : Kernel.values()) {
      Set<String> e = entries(text(Kernel.resource(k.module, "ptx")));
      assertTrue(e.contains(k.entry), k + ": no .entry " + k.entry + " in " + k.module + ".ptx (has " + e + ")");
      assertNotNull(KernelTableTest.class.getResource(Kernel.resource(k.module, "fatbin")), k.module + ".fatbin");
      checked++;
    }
    assertEquals(Kernel.values().length, checked);
    assertTrue(checked >= 30, "kernel table has " + checked + " kernels");
  }

  /** Files of the resource directory that holds {@code probe} (test-classes has the same package). */
  private static List<String> files(String probe, String ext) throws URISyntaxException {
    URL u = KernelTableTest.class.getResource(probe);
    assertNotNull(u, "missing resource " + probe);
    String[] names = new File(u.toURI()).getParentFile().list((d, n) -> n.endsWith(ext));
    assertNotNull(names);
    return Arrays.stream(names).map(n -> n.substring(0, n.length() - ext.length())).sorted().toList();
  }

  @Test
  void everySourceHasItsCompiledKernelsAndBack() throws Exception {
    List<String> cu = files(DIR + "src/common.cuh", ".cu");
    assertTrue(cu.size() >= 7, "sources: " + cu);
    assertEquals(cu, files(DIR + "elementwise.ptx", ".ptx"), "each .cu needs a committed .ptx (tools/gpu/build-kernels.sh)");
    assertEquals(cu, files(DIR + "elementwise.ptx", ".fatbin"), "each .cu needs a committed .fatbin");
    for (String k : cu) {
      String ptx = text(DIR + k + ".ptx");
      assertTrue(ptx.contains(".version 9.0"), k + ".ptx: PTX ISA 9.0 (CUDA 13) expected");
      assertTrue(!entries(ptx).isEmpty(), k + ".ptx has no kernels");
      assertTrue(!ptx.contains("/work/") && !ptx.contains("/home/"), k + ".ptx embeds an absolute path");
    }
  }

  /** The C enum after a "// NAME: A B C" comment: identifiers with their prefix dropped. */
  private static void assertEnum(String file, String tag, Enum<?>[] java) throws IOException {
    String src = text(DIR + "src/" + file);
    Matcher m = Pattern.compile("// " + tag + ": ([A-Z0-9_ ]+)\\n").matcher(src);
    assertTrue(m.find(), file + ": no '// " + tag + ":' line");
    List<String> want = Arrays.stream(java).map(Enum::name).toList();
    assertEquals(want, List.of(m.group(1).trim().split(" +")), file + " " + tag + " comment vs Java enum");
    if (tag.equals("DTYPE")) return;
    int open = src.indexOf("enum {", m.end()), close = src.indexOf("};", open);
    List<String> ids = Arrays.stream(src.substring(open + 6, close).split(","))
        .map(s -> s.replaceAll("//.*", "").trim()).filter(s -> !s.isEmpty())
        .map(s -> s.substring(s.indexOf('_') + 1)).toList();
    assertEquals(want, ids, file + " " + tag + " C enum vs Java enum");
  }

  @Test
  void opNumberingMatchesTheJavaEnums() throws IOException {
    assertEnum("common.cuh", "DTYPE", DType.values());
    assertEnum("elementwise.cu", "UNARY", UnaryOp.values());
    assertEnum("elementwise.cu", "BINARY", BinaryOp.values());
    assertEnum("reduce.cu", "REDUCE", ReduceOp.values());
    assertEnum("reduce.cu", "SCAN", ScanOp.values());
    assertEnum("conv.cu", "POOL", PoolMode.values());
    assertEnum("random.cu", "RANDOM", RandomOp.values());
  }
}
