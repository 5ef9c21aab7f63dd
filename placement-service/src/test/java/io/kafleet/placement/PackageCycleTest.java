package io.kafleet.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No cycle between the packages of placement-service: read from the compiled classes, whose
 * constant pools name every class they use (imports, signatures, fully qualified names alike).
 */
class PackageCycleTest {

  private static final String ROOT = "io/kafleet/placement";
  private static final Pattern REFERENCE = Pattern.compile(ROOT + "(/[A-Za-z0-9_$]+)+");

  @Test
  void noPackageDependsOnItselfThroughOthers() throws Exception {
    Map<String, Set<String>> uses = dependencies();
    assertThat(uses).as("the packages were read").containsKeys("core", "handlers", "kafka", "web");
    assertThat(uses.get("core"))
        .as("the pure core knows no adapter")
        .doesNotContain("kafka", "web", "handlers", "access");
    List<String> cycles = new ArrayList<>();
    for (String start : uses.keySet()) {
      findCycle(start, start, uses, new ArrayList<>(List.of(start)), new HashSet<>(), cycles);
    }
    assertThat(cycles).as("package cycles").isEmpty();
  }

  /** Each package of io.kafleet.placement (relative name; "" is the root) and those it uses. */
  private static Map<String, Set<String>> dependencies() throws IOException, URISyntaxException {
    Path classes =
        Path.of(
                PackageCycleTest.class
                    .getClassLoader()
                    .getResource(ROOT + "/PlacementServiceApplication.class")
                    .toURI())
            .getParent();
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String from =
            packageOf(ROOT + "/" + classes.relativize(file).toString().replace('\\', '/'));
        Set<String> used = uses.computeIfAbsent(from, p -> new TreeSet<>());
        for (String text : utf8Constants(file)) {
          Matcher matcher = REFERENCE.matcher(text);
          while (matcher.find()) {
            String to = packageOf(matcher.group());
            if (!to.equals(from)) {
              used.add(to);
            }
          }
        }
      }
    }
    return uses;
  }

  private static String packageOf(String className) {
    String relative = className.substring(ROOT.length());
    int last = relative.lastIndexOf('/');
    return last <= 0 ? "" : relative.substring(1, last).replace('/', '.');
  }

  private static void findCycle(
      String start,
      String at,
      Map<String, Set<String>> uses,
      List<String> path,
      Set<String> seen,
      List<String> cycles) {
    for (String next : uses.getOrDefault(at, Set.of())) {
      if (next.equals(start)) {
        cycles.add(String.join(" -> ", path) + " -> " + start);
      } else if (seen.add(next)) {
        path.add(next);
        findCycle(start, next, uses, path, seen, cycles);
        path.remove(path.size() - 1);
      }
    }
  }

  /** The text constants of a class file's constant pool (JVMS 4.4). */
  private static List<String> utf8Constants(Path classFile) throws IOException {
    List<String> texts = new ArrayList<>();
    try (InputStream in = Files.newInputStream(classFile);
        DataInputStream data = new DataInputStream(in)) {
      data.readInt(); // magic
      data.readUnsignedShort(); // minor
      data.readUnsignedShort(); // major
      int count = data.readUnsignedShort();
      for (int i = 1; i < count; i++) {
        int tag = data.readUnsignedByte();
        switch (tag) {
          case 1 -> texts.add(data.readUTF());
          case 7, 8, 16, 19, 20 -> data.skipBytes(2);
          case 15 -> data.skipBytes(3);
          case 3, 4, 9, 10, 11, 12, 17, 18 -> data.skipBytes(4);
          case 5, 6 -> {
            data.skipBytes(8);
            i++; // a long or double takes two entries
          }
          default -> throw new IOException("unknown constant tag " + tag + " in " + classFile);
        }
      }
    }
    return texts;
  }
}
