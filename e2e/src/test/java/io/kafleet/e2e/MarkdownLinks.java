package io.kafleet.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of Markdown files and what they point at: a link is broken when its file is
 * missing, when it leaves the repository, or when its {@code #anchor} names no heading of the
 * Markdown file it points at (anchors as GitHub makes them from headings).
 */
final class MarkdownLinks {

  /** A link as written: its 1-based line and its target. */
  record Link(int line, String target) {}

  // [text](target) and ![alt](target), with an optional <…> around the target and a "title".
  private static final Pattern INLINE =
      Pattern.compile("\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  // [label]: target
  private static final Pattern DEFINITION =
      Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?$");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
  private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:|^//");

  private MarkdownLinks() {}

  /** Every link outside code blocks and code spans, in order. */
  static List<Link> links(String markdown) {
    List<Link> links = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    boolean inFence = false;
    for (int i = 0; i < lines.length; i++) {
      if (FENCE.matcher(lines[i]).find()) {
        inFence = !inFence;
        continue;
      }
      if (inFence) {
        continue;
      }
      String line = CODE_SPAN.matcher(lines[i]).replaceAll("");
      Matcher definition = DEFINITION.matcher(line);
      if (definition.find()) {
        links.add(new Link(i + 1, definition.group(1)));
        continue;
      }
      Matcher inline = INLINE.matcher(line);
      while (inline.find()) {
        links.add(new Link(i + 1, inline.group(1)));
      }
    }
    return links;
  }

  /** The anchors GitHub gives the headings (duplicates get -1, -2, …), outside code blocks. */
  static Set<String> anchors(String markdown) {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean inFence = false;
    for (String line : markdown.split("\n", -1)) {
      if (FENCE.matcher(line).find()) {
        inFence = !inFence;
        continue;
      }
      Matcher heading = HEADING.matcher(line);
      if (inFence || !heading.matches()) {
        continue;
      }
      String slug = slug(heading.group(1));
      int count = seen.merge(slug, 1, Integer::sum);
      anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
    }
    return anchors;
  }

  /** A heading's anchor: link text kept, lower case, punctuation dropped, spaces as hyphens. */
  static String slug(String heading) {
    String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
    return text.toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "")
        .replace(' ', '-');
  }

  /**
   * The broken links of {@code file}, each as {@code path:line: link (why)} with the path relative
   * to {@code root}; links with a scheme ({@code https:}, {@code mailto:}) are not followed.
   */
  static List<String> broken(Path root, Path file) {
    Path base = root.toAbsolutePath().normalize();
    Path source = file.toAbsolutePath().normalize();
    List<String> broken = new ArrayList<>();
    for (Link link : links(read(source))) {
      String target = link.target();
      if (SCHEME.matcher(target).find()) {
        continue;
      }
      String problem = problem(base, source, target);
      if (problem != null) {
        broken.add(
            base.relativize(source) + ":" + link.line() + ": " + target + " (" + problem + ")");
      }
    }
    return broken;
  }

  private static String problem(Path root, Path source, String target) {
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    String fragment = hash < 0 ? "" : target.substring(hash + 1);
    Path resolved =
        path.isEmpty()
            ? source
            : source
                .getParent()
                .resolve(URLDecoder.decode(path, StandardCharsets.UTF_8))
                .normalize();
    if (!resolved.startsWith(root)) {
      return "outside the repository";
    }
    if (!Files.exists(resolved)) {
      return "no such file: " + root.relativize(resolved);
    }
    if (fragment.isEmpty() || !resolved.toString().endsWith(".md")) {
      return null;
    }
    Set<String> anchors = anchors(read(resolved));
    if (!anchors.contains(fragment.toLowerCase(Locale.ROOT))) {
      return "no heading with anchor #" + fragment + " in " + root.relativize(resolved);
    }
    return null;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
