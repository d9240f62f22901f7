package sparkdgd.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import sparkdgd.config.InputFormat;
import sparkdgd.output.ObjectStoreMove;

/**
 * The data files behind {@code --data}: a file, a directory (read recursively, skipping names that
 * start with {@code _} or {@code .}, as Spark does) or a glob (whose matches skip such names too, so that
 * {@code dir/*} is {@code dir}), on any file system Hadoop knows. A path that exists as it is written is no glob, even
 * with pattern characters in its name ({@code report[1].csv}). The files are read as they are named: their
 * paths, handed to Hadoop or Spark, are {@link #literal} (a listed {@code data[1].csv} is no pattern).
 */
public final class InputFiles {
  /** The characters that make a path a Hadoop glob pattern. */
  public static final String GLOB_CHARACTERS = "*?[]{}\\";

  private InputFiles() {}

  /**
   * Throws the {@link InputError} that {@link #list} would throw when {@code data} names nothing: no such file or
   * directory, a pattern that matches no file, a file system whose connector is missing. Only looks {@code data} up (a
   * glob's matches, not what is in a directory), so that a command can say so before it checks where it will write.
   */
  public static void refuseMissing(Configuration conf, String data) {
    matched(conf, data);
  }

  /**
   * The files, sorted by path; throws {@link InputError} when there are none. A listed file whose name Hadoop cannot
   * open is among them ({@link #readableName}), for the reader to refuse, or to skip as a bad record.
   */
  public static List<FileStatus> list(Configuration conf, String data) {
    Matched m = matched(conf, data);
    FileSystem fs = m.fs();
    List<FileStatus> files = new ArrayList<>();
    try {
      // a glob's matches skip what a directory listing skips: the names its wildcards matched, not the folders above
      String[] patternParts = fs.makeQualified(m.pattern()).toUri().getPath().split("/");
      int wildcardFrom = m.exact() ? -1 : firstWildcardPart(patternParts);
      boolean onlyHidden = true;
      // the directories of files named or matched, to look for a mark in: where writes leave one (object stores)
      boolean marksWrites = ObjectStoreMove.needed(fs);
      Set<Path> filesFrom = new HashSet<>();
      for (FileStatus match : m.matches()) {
        if (wildcardFrom >= 0 && isHiddenMatch(match.getPath(), patternParts, wildcardFrom)) {
          refuseUnfinished(match.getPath());
          continue; // _SUCCESS, or .part-00000.csv.crc, in dir/*
        }
        onlyHidden = false;
        if (match.isDirectory()) {
          RemoteIterator<LocatedFileStatus> it = fs.listFiles(match.getPath(), true);
          String root = match.getPath().toString();
          while (it.hasNext()) {
            LocatedFileStatus f = it.next();
            refuseUnfinished(f.getPath());
            if (!isHidden(f.getPath().toString().substring(root.length()))) {
              files.add(f);
            }
          }
          continue;
        }
        if (marksWrites && filesFrom.add(match.getPath().getParent())) {
          refuseUnfinished(fs, match.getPath().getParent());
        }
        if (isHidden(match.getPath().getName())) {
          // named on purpose, but the readers would drop it: Hadoop's text input as missing, Spark's Parquet as empty
          throw InputError.of(match.getPath().toString(), "Hadoop and Spark read no file whose name starts with _ or . "
              + "(they take it for metadata, such as _SUCCESS); rename it without the _ or .");
        }
        files.add(match);
      }
      if (onlyHidden) {
        throw InputError.of(data, "the pattern matches only names that start with _ or ., which are not read as "
            + "data (as _SUCCESS, or in a directory); check --data");
      }
    } catch (IOException | RuntimeException e) {
      throw listingFailure(data, m.pattern(), e);
    }
    if (files.isEmpty()) {
      throw InputError.of(data, "the directory holds no data files; check --data");
    }
    files.sort(Comparator.comparing(f -> f.getPath().toString()));
    return files;
  }

  /**
   * What {@code data} names: the file or directory itself ({@code exact}: it exists as written, pattern characters
   * and all), or a glob's matches, never none.
   */
  private record Matched(FileSystem fs, Path pattern, boolean exact, FileStatus[] matches) {}

  /** Looks {@code data} up; an {@link InputError} when it names nothing or cannot be looked up. */
  private static Matched matched(Configuration conf, String data) {
    Path pattern;
    try {
      pattern = new Path(data);
    } catch (IllegalArgumentException e) {
      throw colonInName(data, e);
    }
    try {
      FileSystem fs = pattern.getFileSystem(conf);
      FileStatus exact = hasGlobCharacter(data) ? existing(fs, pattern) : null;
      FileStatus[] matches = exact != null ? new FileStatus[] {exact} : fs.globStatus(pattern);
      if (matches == null || matches.length == 0) {
        throw InputError.of(data, hasGlobCharacter(data) ? "the pattern matches no file; check --data"
            + (data.chars().anyMatch(c -> "[]{}".indexOf(c) >= 0) ? BRACKETS_HINT : "")
            : "no such file or directory; check --data");
      }
      return new Matched(fs, pattern, exact != null, matches);
    } catch (IOException | RuntimeException e) {
      throw listingFailure(data, pattern, e);
    }
  }

  /**
   * What a failure while looking {@code data} up or listing it is thrown as: an {@link InputError} saying why (a name
   * with a colon, a file system whose connector is missing, an I/O error), an {@link InputUnreachable} when the file
   * system refuses the connection or does not answer, or {@code e} itself when it says so already.
   */
  private static RuntimeException listingFailure(String data, Path pattern, Exception e) {
    if (InputUnreachable.isUnreachable(e)) {
      return InputUnreachable.of("--data " + data, e);
    }
    if (e instanceof IOException) {
      return InputError.of(data, "cannot list the input: " + e.getMessage() + StoreRefusal.hint(e));
    }
    if (e instanceof IllegalArgumentException bad && e.getCause() instanceof java.net.URISyntaxException) {
      return colonInName(data, bad); // Hadoop made a Path of a name it listed
    }
    if (!(e.getCause() instanceof ClassNotFoundException missing)) {
      return (RuntimeException) e;
    }
    // Hadoop knows the scheme (fs.SCHEME.impl) but its connector is not on the classpath
    return InputError.of(data, "the file system of \"" + pattern.toUri().getScheme() + ":\" is not on the classpath ("
        + missing.getMessage() + "); " + (data.startsWith("s3a:")
            ? "add hadoop-aws at submit time, see \"Reading from S3\" in the README"
            : "add its connector jar at submit time (--jars or --packages)"));
  }

  /**
   * What the error for a pattern that matches nothing adds when it holds brackets or braces: the user may have meant
   * them as part of a name (which, had the file existed as written, would have been read as it is).
   */
  static final String BRACKETS_HINT = " ([, ], { and } are pattern characters: to match one as itself, escape it with "
      + "a backslash, as \\[)";

  private static boolean hasGlobCharacter(String data) {
    return data.chars().anyMatch(c -> GLOB_CHARACTERS.indexOf(c) >= 0);
  }

  /**
   * The file or directory named exactly {@code path}, or null when there is none. A name such as {@code report[1].csv}
   * is read as it is written when it exists: as a glob, it would match {@code report1.csv} and not itself, and listing
   * its directory would stop at any other name Hadoop cannot make a path of (one with a colon).
   */
  private static FileStatus existing(FileSystem fs, Path path) {
    try {
      return fs.getFileStatus(path);
    } catch (IOException e) {
      return null; // not there (or not to be looked up so): the glob says what it matches, or why it cannot list
    }
  }

  /**
   * The error for a path Hadoop cannot make of a name: one with a colon, whose start Hadoop reads as a URI scheme
   * ({@code data-10:00.csv}), whether typed or met while listing a directory (HADOOP-3257).
   */
  private static InputError colonInName(String data, IllegalArgumentException e) {
    String name = e.getCause() instanceof java.net.URISyntaxException u ? u.getInput() : data;
    return InputError.of(data, "Hadoop cannot read a file or directory whose name holds a colon (\"" + name
        + "\": it reads what comes before the colon as a URI scheme); rename it without the colon");
  }

  /**
   * Whether Hadoop can open this listed file: not when its name holds a colon ({@code export-10:30.csv}). A
   * directory's listing hands such a file over, but opening it makes a path of another name built from it (on a local
   * disk, its checksum file's {@code .NAME.crc}), and Hadoop reads what comes before the colon as a URI scheme.
   */
  public static boolean readableName(FileStatus file) {
    return file.getPath().getName().indexOf(':') < 0;
  }

  /**
   * The error for a listed file that is not {@link #readableName}, naming it; {@code orElse} follows the fix (", or
   * pass --on-bad-record skip" where that drops it), or is empty.
   */
  public static InputError unreadableName(FileStatus file, String orElse) {
    return InputError.of(file.getPath().toString(), "Hadoop cannot read a file whose name holds a colon (it reads "
        + "what comes before the colon as a URI scheme); rename it without the colon" + orElse);
  }

  /** Throws {@link #unreadableName} for the first of {@code files} that is not {@link #readableName}. */
  public static void refuseUnreadableNames(List<FileStatus> files) {
    for (FileStatus f : files) {
      if (!readableName(f)) {
        throw unreadableName(f, "");
      }
    }
  }

  /**
   * Whether {@code data}'s CSV files are tab-separated by their names ({@code .tsv}), or, where no file's name says
   * {@code .tsv} or {@code .csv} (part files), by the name of {@code data} itself. Files of both kinds are refused:
   * one delimiter cannot read them all.
   */
  public static boolean tabSeparated(String data, List<FileStatus> files) {
    String tabs = null;
    String commas = null;
    for (FileStatus file : files) {
      String name = file.getPath().getName();
      if (InputFormat.tabSeparated(name)) {
        tabs = tabs == null ? name : tabs;
      } else if (InputFormat.fromFileName(name) == InputFormat.CSV) {
        commas = commas == null ? name : commas;
      }
    }
    if (tabs != null && commas != null) {
      throw InputError.of(data, String.format("the files are tab-separated by name (%s) and comma-separated (%s): "
          + "point --data at one kind, or pass --delimiter to read every file with one delimiter", tabs, commas));
    }
    return tabs != null || commas == null && InputFormat.tabSeparated(data);
  }

  /**
   * The format named by {@code data}'s extension, else by its files' extensions; throws {@link InputError}
   * when they do not tell, or when the files' extensions name two formats.
   */
  public static InputFormat inferFormat(String data, List<FileStatus> files) {
    InputFormat f = InputFormat.fromFileName(data);
    if (f != null) {
      return f;
    }
    String first = null;
    String unnamed = null;
    for (FileStatus file : files) {
      String name = file.getPath().getName();
      InputFormat named = InputFormat.fromFileName(name);
      if (named == null) {
        unnamed = unnamed == null ? name : unnamed;
        continue;
      }
      if (f == null) {
        f = named;
        first = name;
      } else if (named != f) {
        throw InputError.of(data, String.format("the files are of two formats, %s (%s) and %s (%s); point --data "
            + "at one format's files (a directory of its own, or a glob such as %s/*.%s)", first,
            f.name().toLowerCase(java.util.Locale.ROOT), name, named.name().toLowerCase(java.util.Locale.ROOT),
            data, extension(first)));
      }
    }
    if (f != null && unnamed != null) {
      // e.g. a README.txt beside part files: read as data, it failed on its first line
      throw InputError.of(data, String.format("%s is in --data beside %s files (%s) but its name does not say %s: "
          + "move it out of --data if it is not data, or pass --format %s to read every file as %s", unnamed,
          f.name().toLowerCase(java.util.Locale.ROOT), first, f.name().toLowerCase(java.util.Locale.ROOT),
          f.name().toLowerCase(java.util.Locale.ROOT), f.name().toLowerCase(java.util.Locale.ROOT)));
    }
    if (f == null) {
      List<String> names = files.stream().limit(3).map(file -> file.getPath().getName()).toList();
      throw InputError.of(data, String.format("cannot tell the format from the file name%s (%s%s): if %s data, pass "
          + "--format csv, --format parquet or --format libsvm; if not, point --data at the data files",
          files.size() == 1 ? "" : "s", String.join(", ", names), files.size() > names.size() ? ", ..." : "",
          files.size() == 1 ? "it is" : "they are"));
    }
    return f;
  }

  private static String extension(String name) {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /** Refuses the directory of {@code file} when that is the mark of a write into it that has not finished. */
  private static void refuseUnfinished(Path file) {
    if (file.getName().startsWith(ObjectStoreMove.MARK)) {
      throw InputError.of(file.getParent().toString(), ObjectStoreMove.refusal(file.getName())
          + "; write it again, or wait for that write to end");
    }
  }

  /** Refuses {@code dir} when it holds the mark of a write into it that has not finished. */
  private static void refuseUnfinished(FileSystem fs, Path dir) throws IOException {
    if (ObjectStoreMove.marked(fs, dir)) {
      refuseUnfinished(new Path(dir, ObjectStoreMove.MARK));
    }
  }

  private static boolean isHidden(String relative) {
    for (String part : relative.split("/")) {
      if (part.startsWith("_") || part.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a glob's match is hidden as in a directory: one of its parts from {@code from} on, those the wildcards
   * matched, starts with _ or . where the pattern's part does not spell that _ or . itself ({@code dir/*} skips
   * {@code dir/_SUCCESS} and {@code dir/_temporary/}; {@code _stag*}{@code /part.csv} asks for {@code _staging/}).
   * Parts are compared by position when match and pattern have as many (a {} alternative may hold a '/').
   */
  private static boolean isHiddenMatch(Path match, String[] patternParts, int from) {
    String[] parts = match.toUri().getPath().split("/");
    for (int i = from; i < parts.length; i++) {
      String spelled = parts.length == patternParts.length ? patternParts[i] : "";
      if (isHidden(parts[i]) && !spelled.startsWith(parts[i].substring(0, 1))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The index of the first of a pattern's path parts (split at '/', as {@link #isHiddenMatch} splits a match, whose
   * leading parts are the same) that holds a wildcard; -1 for a path without one, such as {@code data\[1\].csv},
   * which names one file or directory.
   */
  private static int firstWildcardPart(String[] parts) {
    for (int i = 0; i < parts.length; i++) {
      if (hasWildcard(parts[i])) {
        return i;
      }
    }
    return -1;
  }

  /** Whether a part of a Hadoop glob has an unescaped {@code * ? [} or <code>{</code>. */
  private static boolean hasWildcard(String part) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '\\') {
        i++; // the next character stands for itself
      } else if ("*?[{".indexOf(c) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code path} as a Hadoop glob that matches only itself: Spark globs the paths it is given, and a listed file in
   * sub[1]/ would match sub1/. (Spark's option to turn globbing off, {@code __globPaths__}, read such a file list
   * with the other file twice.)
   */
  public static String literal(String path) {
    StringBuilder sb = new StringBuilder(path.length() + 8);
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (GLOB_CHARACTERS.indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
