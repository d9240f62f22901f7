package sparkdgd.resident;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.UncheckedIOException;
import sparkdgd.block.PartitionSummers;

/**
 * What the driver sends the resident tasks for one pass, as Java-serialized bytes: which set of blocks it
 * is over, the summers (the same serializable closure a job's tasks would get) and the accumulator width.
 */
record PassRequest(int set, PartitionSummers summers, int width) implements Serializable {
  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(this);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not serialize a pass for the resident tasks", e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads a request in a task. Classes are resolved by the task thread's class loader, which is the one
   * that sees the application's jar on an executor (Java's default may not).
   */
  static PassRequest fromBytes(byte[] b) throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new TaskObjectInput(new ByteArrayInputStream(b))) {
      return (PassRequest) in.readObject();
    }
  }

  private static final class TaskObjectInput extends ObjectInputStream {
    TaskObjectInput(InputStream in) throws IOException {
      super(in);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      if (loader != null) {
        try {
          return Class.forName(desc.getName(), false, loader);
        } catch (ClassNotFoundException e) {
          // primitives and some JDK classes: the default resolution below
        }
      }
      return super.resolveClass(desc);
    }
  }
}
