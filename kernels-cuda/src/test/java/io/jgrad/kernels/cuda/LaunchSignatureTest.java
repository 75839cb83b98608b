package io.jgrad.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;

/**
 * Runs without a GPU: the whole differential catalogue goes through a CudaBackend whose context
 * records launches instead of making them, and every launch's arguments must match the kernel's
 * parameter list in the committed PTX (count, and each one's kind and size: int = .u32, long =
 * .u64, double = .f64, a struct of n ints = .b8[4n], a device pointer = .u64), with a legal launch
 * shape. Every kernel of the table must be launched by some case.
 */
class LaunchSignatureTest {
  /** PTX parameter of an entry: type (".u32", ".b8[72]", ...). */
  private static Map<String, List<String>> signatures() throws IOException {
    Map<String, List<String>> sig = new HashMap<>();
    Pattern entry = Pattern.compile("\\.entry (\\w+)\\(([^)]*)\\)");
    Pattern param = Pattern.compile("\\.param (?:\\.align \\d+ )?(\\.\\w+)(?: .*?)?\\s+\\w+?(\\[\\d+\\])?\\s*$");
    Set<String> modules = new TreeSet<>();
    for (Kernel k : Kernel.values()) modules.add(k.module);
    for (String m : modules) {
      String ptx;
      try (InputStream in = LaunchSignatureTest.class.getResourceAsStream(Kernel.resource(m, "ptx"))) {
        ptx = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Matcher e = entry.matcher(ptx);
      while (e.find()) {
        List<String> ps = new ArrayList<>();
        for (String line : e.group(2).split(",")) {
          line = line.trim();
          if (line.isEmpty()) continue;
          Matcher pm = param.matcher(line);
          assertTrue(pm.find(), "cannot parse PTX parameter '" + line + "' of " + e.group(1));
          ps.add(pm.group(1) + (pm.group(2) == null ? "" : pm.group(2)));
        }
        sig.put(e.group(1), ps);
      }
    }
    return sig;
  }

  private static String kindOf(Object a) {
    return switch (a) {
      case Integer i -> ".u32";
      case Long l -> ".u64";
      case Double d -> ".f64";
      case int[] s -> ".b8[" + 4 * s.length + "]";
      case CUdeviceptr p -> ".u64";
      default -> "unsupported " + a.getClass().getSimpleName();
    };
  }

  @Test
  void everyLaunchMatchesItsPtxSignature() throws IOException {
    Map<String, List<String>> sig = signatures();
    Map<Kernel, Integer> launched = new EnumMap<>(Kernel.class);
    List<String> bad = new ArrayList<>();
    CudaContext.Recorder rec = (k, gx, gy, gz, block, smem, args) -> {
      launched.merge(k, 1, Integer::sum);
      List<String> want = sig.get(k.entry);
      List<String> got = new ArrayList<>();
      for (Object a : args) got.add(kindOf(a));
      List<String> norm = want.stream().map(t -> t.replace(".s32", ".u32").replace(".s64", ".u64")).toList();
      if (!norm.equals(got)) bad.add(k.entry + ": PTX " + want + " but launched with " + got);
      if (block < 1 || block > 1024 || gx < 1 || gy < 1 || gz < 1 || gy > 65535 || gz > 65535 || smem != 0) {
        bad.add(k.entry + ": launch shape grid " + gx + "x" + gy + "x" + gz + " block " + block + " smem " + smem);
      }
    };
    CudaBackend be = new CudaBackend(new CudaContext(0, rec));
    int cases = 0;
    List<String> threw = new ArrayList<>();
    for (Diff d : CudaCases.all()) {
      try {
        d.run().apply(be);
      } catch (RuntimeException e) {
        threw.add(d.name() + ": " + e);
      }
      cases++;
    }
    assertEquals(List.of(), threw.subList(0, Math.min(10, threw.size())), threw.size() + " cases threw in the backend");
    assertEquals(List.of(), bad.subList(0, Math.min(10, bad.size())), bad.size() + " launches do not match their PTX");
    Set<Kernel> never = EnumSet.allOf(Kernel.class);
    never.removeAll(launched.keySet());
    assertEquals(Set.of(), never, "kernels no differential case launches");
    int total = launched.values().stream().mapToInt(Integer::intValue).sum();
    assertTrue(cases > 4000 && total > cases, cases + " cases made " + total + " launches");
    System.out.println("LaunchSignatureTest: " + cases + " cases, " + total + " launches checked: " + launched);
  }
}
