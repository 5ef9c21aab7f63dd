package io.kafleet.devstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A list or watch request's label selector and field selector: equality ({@code k=v}, {@code
 * k==v}), inequality ({@code k!=v}), existence ({@code k}, {@code !k}) and set ({@code k in (a,b)},
 * {@code k notin (a,b)}) requirements on labels; {@code metadata.name} and {@code
 * metadata.namespace} (= or !=) on fields.
 */
record Selector(Predicate<ObjectStore.Stored> predicate) {

  static final Selector ALL = new Selector(object -> true);

  private static final Pattern SET =
      Pattern.compile("([^\\s!=,()]+)\\s+(in|notin)\\s+\\(([^)]*)\\)");
  private static final Pattern COMPARISON = Pattern.compile("([^\\s!=,()]+)\\s*(==|=|!=)\\s*(.*)");
  private static final Pattern EXISTS = Pattern.compile("(!?)([^\\s!=,()]+)");

  /**
   * @throws IllegalArgumentException naming the requirement it does not understand
   */
  static Selector parse(String labelSelector, String fieldSelector) {
    List<Predicate<ObjectStore.Stored>> all = new ArrayList<>();
    for (String requirement : requirements(labelSelector)) {
      all.add(label(requirement));
    }
    for (String requirement : requirements(fieldSelector)) {
      all.add(field(requirement));
    }
    return all.isEmpty()
        ? ALL
        : new Selector(object -> all.stream().allMatch(each -> each.test(object)));
  }

  boolean matches(ObjectStore.Stored object) {
    return object != null && predicate.test(object);
  }

  /** Splits on the commas outside parentheses. */
  private static List<String> requirements(String selector) {
    List<String> parts = new ArrayList<>();
    if (selector == null || selector.isBlank()) {
      return parts;
    }
    int depth = 0;
    int start = 0;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (c == ',' && depth == 0) {
        parts.add(selector.substring(start, i).trim());
        start = i + 1;
      }
    }
    parts.add(selector.substring(start).trim());
    return parts;
  }

  private static Predicate<ObjectStore.Stored> label(String requirement) {
    Matcher set = SET.matcher(requirement);
    if (set.matches()) {
      Set<String> values =
          Set.copyOf(
              requirements(set.group(3)).stream().filter(value -> !value.isEmpty()).toList());
      String key = set.group(1);
      boolean in = set.group(2).equals("in");
      return object -> values.contains(object.labels().get(key)) == in;
    }
    Matcher comparison = COMPARISON.matcher(requirement);
    if (comparison.matches()) {
      String key = comparison.group(1);
      String value = comparison.group(3).trim();
      boolean equal = !comparison.group(2).equals("!=");
      return object -> value.equals(object.labels().get(key)) == equal;
    }
    Matcher exists = EXISTS.matcher(requirement);
    if (exists.matches()) {
      String key = exists.group(2);
      boolean present = exists.group(1).isEmpty();
      return object -> object.labels().containsKey(key) == present;
    }
    throw new IllegalArgumentException("label selector: cannot parse '" + requirement + "'");
  }

  private static Predicate<ObjectStore.Stored> field(String requirement) {
    Matcher comparison = COMPARISON.matcher(requirement);
    if (!comparison.matches()) {
      throw new IllegalArgumentException("field selector: cannot parse '" + requirement + "'");
    }
    boolean equal = !comparison.group(2).equals("!=");
    String value = comparison.group(3).trim();
    String field = comparison.group(1);
    Function<ObjectStore.Stored, String> read =
        switch (field) {
          case "metadata.name" -> ObjectStore.Stored::name;
          case "metadata.namespace" -> object -> String.valueOf(object.namespace());
          // Any other field (e.g. status.phase) is read from the document; unset reads as "".
          default -> object -> ObjectStore.read(object.json()).at(pointer(field)).asString("");
        };
    return object -> value.equals(read.apply(object)) == equal;
  }

  private static String pointer(String dotted) {
    return "/" + dotted.replace(".", "/");
  }
}
