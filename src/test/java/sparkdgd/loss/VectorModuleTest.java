package sparkdgd.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Vector API in a JVM started as spark-submit starts one: without {@code --add-modules jdk.incubator.vector},
 * with Spark's {@code --add-opens} (the surefire JVM has both). Without {@code java.lang} open, or switched off,
 * the module stays out and the float kernel stays scalar, in a JVM of its own.
 */
class VectorModuleTest {
  @Test
  void theModuleIsDefinedAtRunTimeToTheBootLoaderWhereSparkSubmitStartsTheJvm() throws Exception {
    assertTrue(ModuleLayer.boot().findModule(VectorModule.NAME).isEmpty(),
        "this JVM must start without --add-modules, as spark-submit starts it");
    VectorModule.Status status = VectorModule.status();
    assertTrue(status.usable(), status.how());
    assertTrue(status.how().startsWith("defined at run time"), status.how());
    Class<?> floats = Class.forName("jdk.incubator.vector.FloatVector");
    assertEquals(VectorModule.NAME, floats.getModule().getName());
    assertNull(floats.getClassLoader(), "defined to the boot loader, as --add-modules would");
    assertTrue(DenseKernel.FLOAT_VECTORS);
  }

  @Test
  void withoutJavaLangOpenTheModuleStaysOutAndTheKernelStaysScalar() throws Exception {
    assertEquals("scalar (the JDK's Vector API could not be defined at run time: "
        + "java.lang.reflect.InaccessibleObjectException)",
        kernelInAJvmOfItsOwn().replaceAll(": Unable to make.*\\)$", ")"));
  }

  @Test
  void theSwitchKeepsTheModuleOut() throws Exception {
    assertEquals("scalar (the JDK's Vector API off (-D" + VectorModule.SWITCH + "=false))",
        kernelInAJvmOfItsOwn(OPEN, "-D" + VectorModule.SWITCH + "=false"));
  }

  @Test
  void withoutC2TheKernelStaysScalar() throws Exception {
    assertTrue(kernelInAJvmOfItsOwn(OPEN, "-XX:TieredStopAtLevel=1")
        .startsWith("scalar (this JVM does not compile with C2"));
  }

  @Test
  void withJavaLangOpenAJvmOfItsOwnRunsOnVectors() throws Exception {
    assertEquals("on vectors (the JDK's Vector API, defined at run time (not in the boot layer: spark-submit does "
        + "not pass --add-modules))", kernelInAJvmOfItsOwn(OPEN));
  }

  private static final String OPEN = "--add-opens=java.base/java.lang=ALL-UNNAMED";

  /** Prints how the float kernel runs, in a new JVM. */
  public static void main(String[] args) {
    System.out.println(LossKernel.floatKernel());
  }

  private static String kernelInAJvmOfItsOwn(String... options) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    command.addAll(List.of(options));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), VectorModuleTest.class.getName()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM ends");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, p.exitValue(), out);
    assertFalse(out.isEmpty());
    return out;
  }
}
