package sparkdgd.train;

import java.util.ArrayList;
import java.util.List;

/** A listener that records what a run said about its resident tasks: how many started, and any warning. */
final class ResidentTasksSaid implements ProgressListener {
  final List<String> lines = new ArrayList<>();

  @Override
  public void residentTasks(int tasks, int partitions, int validationPartitions) {
    lines.add(tasks + " tasks hold " + partitions + " partitions and " + validationPartitions + " validation ones");
  }

  @Override
  public void warning(String message) {
    lines.add("warning: " + message);
  }
}
