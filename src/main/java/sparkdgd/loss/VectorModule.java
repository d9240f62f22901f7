package sparkdgd.loss;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.Optional;

/**
 * Makes the JDK's incubating Vector API ({@code jdk.incubator.vector}) usable in this JVM, for the float32 kernel
 * ({@link FloatTileVectors}). A JVM has that module only when it starts with {@code --add-modules
 * jdk.incubator.vector}, which {@code spark-submit} does not pass. So, once per JVM, this class defines it the way
 * that option would: the JDK's own module from the run-time image, to the boot class loader, reading
 * {@code java.base}, with the {@code java.base} packages the JDK exports to it only (its {@code jdk.internal}
 * packages) exported to it, and its own package exported to everyone. HotSpot turns its vector intrinsics on
 * when that module is defined, as it does at start. Defining a module to the boot loader takes
 * {@code java.lang}'s private constructors, which every Spark 4 driver and executor JVM may use: Spark opens
 * {@code java.base/java.lang} to unnamed modules in its default JVM options.
 *
 * <p>Where any step fails (another JVM, another JDK, {@code java.lang} not open), or with
 * {@code -Dsparkdgd.vectorApi=false}, the module stays undefined and the float32 kernel stays scalar: the same
 * results within rounding ({@link DenseKernel}).
 */
final class VectorModule {
  static final String NAME = "jdk.incubator.vector";
  static final String SWITCH = "sparkdgd.vectorApi";

  /** Whether the module is usable, and how it came to be (or why not), once per JVM. */
  record Status(boolean usable, String how) {}

  private static final Status STATUS = load();

  private VectorModule() {}

  static Status status() {
    return STATUS;
  }

  private static Status load() {
    if (!Boolean.parseBoolean(System.getProperty(SWITCH, "true"))) {
      return new Status(false, "off (-D" + SWITCH + "=false)");
    }
    if (ModuleLayer.boot().findModule(NAME).isPresent()) {
      return new Status(true, "in the JVM's boot layer (--add-modules " + NAME + ")");
    }
    try {
      if (definedToBoot()) {
        return new Status(true, "defined at run time by another copy of this class");
      }
      define();
      if (!definedToBoot()) {
        return new Status(false, "defined at run time, but its classes do not load");
      }
      return new Status(true, "defined at run time (not in the boot layer: spark-submit does not pass --add-modules)");
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return new Status(false, "could not be defined at run time: " + e);
    }
  }

  /** Whether the boot loader finds the module's classes (after {@link #define} in this or another class loader). */
  private static boolean definedToBoot() {
    try {
      Class.forName(NAME + ".FloatVector", false, null);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static void define() throws ReflectiveOperationException {
    Optional<ModuleReference> found = ModuleFinder.ofSystem().find(NAME);
    if (found.isEmpty()) {
      throw new IllegalStateException("this JDK's run-time image has no " + NAME);
    }
    ModuleDescriptor descriptor = found.get().descriptor();
    Constructor<Module> newModule =
        Module.class.getDeclaredConstructor(ModuleLayer.class, ClassLoader.class, ModuleDescriptor.class, URI.class);
    newModule.setAccessible(true);
    Method addReads = privateMethod("implAddReads", Module.class);
    Method addExportsTo = privateMethod("implAddExports", String.class, Module.class);
    Method addExports = privateMethod("implAddExports", String.class);
    Module base = Object.class.getModule();
    Module vector = newModule.newInstance(ModuleLayer.empty(), null, descriptor, found.get().location().orElse(null));
    for (ModuleDescriptor.Requires requires : descriptor.requires()) {
      Module required = ModuleLayer.boot().findModule(requires.name())
          .orElseThrow(() -> new IllegalStateException(NAME + " requires " + requires.name() + ", not loaded"));
      addReads.invoke(vector, required);
    }
    for (ModuleDescriptor.Exports exports : base.getDescriptor().exports()) {
      if (exports.targets().contains(NAME)) {
        addExportsTo.invoke(base, exports.source(), vector);
      }
    }
    for (ModuleDescriptor.Exports exports : descriptor.exports()) {
      if (!exports.isQualified()) {
        addExports.invoke(vector, exports.source());
      }
    }
  }

  private static Method privateMethod(String name, Class<?>... parameters) throws NoSuchMethodException {
    Method m = Module.class.getDeclaredMethod(name, parameters);
    m.setAccessible(true);
    return m;
  }
}
