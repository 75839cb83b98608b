package io.jgrad.tensor.cpu;

/**
 * Whether the JDK's incubating Vector API ({@code jdk.incubator.vector}) can be used, probed
 * once. The module is not resolved unless the JVM is started with
 * {@code --add-modules jdk.incubator.vector}; without it every class that names a vector type
 * fails to link ({@code NoClassDefFoundError: jdk/incubator/vector/Vector}). So every Vector API
 * kernel is reached only through a check of {@link CpuBackend#scalarOnly()} (or
 * {@link CpuBackend#SCALAR_ONLY}), which is true when this probe fails: jgrad then runs on its
 * scalar kernels, the reference twins of the vector ones, and prints {@link #HINT} once on
 * standard error (not when the scalar kernels were asked for with {@code -Djgrad.cpu.scalar=true}).
 */
public final class VectorSupport {
  /** The line printed once on standard error when the module is missing. */
  public static final String HINT = "jgrad: the Vector API is not enabled, so the CPU kernels run on their scalar"
      + " paths (several times slower); enable it with the JVM option --add-modules jdk.incubator.vector"
      + " (Maven Surefire: <argLine>; mvn exec:java: MAVEN_OPTS; exec:exec, Gradle, java -cp and IDE run"
      + " configurations: the JVM/VM options; see the README, \"JVM flags\"). -Djgrad.cpu.scalar=true silences this line.";

  /** True when the Vector API module is present and its preferred float species loads. */
  public static final boolean AVAILABLE = probe();

  static {
    if (!AVAILABLE && !Boolean.getBoolean("jgrad.cpu.scalar")) System.err.println(HINT);
  }

  private VectorSupport() {}

  private static boolean probe() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return false;
    try {
      return Probe.lanes() > 0;
    } catch (LinkageError | RuntimeException e) {
      return false;
    }
  }

  /** Names a vector type; loaded only once the module is known to be in the boot layer. */
  private static final class Probe {
    static int lanes() { return jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length(); }
  }
}
