package sparkdgd.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The dense kernels on the Vector API in JVMs started as Spark's launcher starts them (with
 * {@code --add-modules=jdk.incubator.vector}, as the surefire JVM is), and scalar, with the reason, in JVMs started
 * without it, switched off or without C2, each in a JVM of its own.
 */
class VectorModuleTest {
  @Test
  void aJvmStartedAsSparkStartsOneRunsDenseTilesOnVectors() {
    assertTrue(ModuleLayer.boot().findModule(VectorModule.NAME).isPresent(), "the build passes --add-modules");
    assertTrue(DenseKernel.VECTORS, LossKernel.denseKernel());
    assertEquals("on vectors (the JDK's Vector API, --add-modules=jdk.incubator.vector)", LossKernel.denseKernel());
  }

  @Test
  void withoutTheModuleTheKernelStaysScalarAndSaysWhy() throws Exception {
    assertEquals("scalar (the JDK's Vector API is not in this JVM: it started without "
        + "--add-modules=jdk.incubator.vector, which Spark's launcher and submit.sh pass)", kernelInAJvmOfItsOwn());
  }

  @Test
  void theSwitchKeepsTheKernelScalar() throws Exception {
    assertEquals("scalar (the JDK's Vector API is switched off (-D" + VectorModule.SWITCH + "=false))",
        kernelInAJvmOfItsOwn(MODULE, "-D" + VectorModule.SWITCH + "=false"));
  }

  @Test
  void theEnvironmentSwitchKeepsTheKernelScalar() throws Exception {
    // the switch that reaches executors (spark.executorEnv.SPARK_DGD_VECTOR_API=false): Spark refuses -Dsparkdgd...
    // in spark.executor.extraJavaOptions
    assertEquals("scalar (the JDK's Vector API is switched off (" + VectorModule.ENV_SWITCH + "=false))",
        kernelInAJvmOfItsOwn(Map.of(VectorModule.ENV_SWITCH, "false"), MODULE));
    assertEquals("on vectors (the JDK's Vector API, --add-modules=jdk.incubator.vector)",
        kernelInAJvmOfItsOwn(Map.of(VectorModule.ENV_SWITCH, "true"), MODULE));
  }

  @Test
  void withVectorsNarrowerThanFourDoublesTheKernelStaysScalar() throws Exception {
    assertEquals("scalar (this JVM's vectors hold fewer than four doubles, so the Vector API would run in plain Java)",
        kernelInAJvmOfItsOwn(MODULE, "-XX:MaxVectorSize=16"));
  }

  @Test
  void withoutC2TheKernelStaysScalar() throws Exception {
    assertTrue(kernelInAJvmOfItsOwn(MODULE, "-XX:TieredStopAtLevel=1")
        .startsWith("scalar (this JVM does not compile with C2"));
  }

  private static final String MODULE = "--add-modules=" + VectorModule.NAME;

  /** Prints how the dense kernels run, in a new JVM. */
  public static void main(String[] args) {
    System.out.println(LossKernel.denseKernel());
  }

  private static String kernelInAJvmOfItsOwn(String... options) throws Exception {
    return kernelInAJvmOfItsOwn(Map.of(), options);
  }

  private static String kernelInAJvmOfItsOwn(Map<String, String> environment, String... options) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    command.addAll(List.of(options));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), VectorModuleTest.class.getName()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove(VectorModule.ENV_SWITCH);
    builder.environment().putAll(environment);
    Process p = builder.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM ends");
    // the JVM warns on stderr when it resolves an incubator module
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
        .replace("WARNING: Using incubator modules: " + VectorModule.NAME, "").trim();
    assertEquals(0, p.exitValue(), out);
    assertFalse(out.isEmpty());
    return out;
  }
}
