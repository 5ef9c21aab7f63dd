package io.kafleet.e2e;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The metric names a PromQL expression selects, read with a small tokenizer rather than a full
 * parser: every identifier that is not a function or aggregation (followed by {@code (}), not a
 * keyword, not a label name of a {@code by}/{@code without}/{@code on}/{@code ignoring}/{@code
 * group_left}/{@code group_right} list, and not inside label matchers {@code {...}}, a range {@code
 * [...]}, a string or a Grafana variable ({@code $cluster}, {@code ${DS}}).
 */
final class PromQlMetricNames {

  /** Keywords whose parenthesised list names labels, not metrics. */
  private static final Set<String> LABEL_LISTS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");

  private PromQlMetricNames() {}

  static Set<String> in(String expression) {
    Set<String> names = new LinkedHashSet<>();
    int i = 0;
    int length = expression.length();
    while (i < length) {
      char c = expression.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = afterString(expression, i);
      } else if (c == '{') {
        i = afterGroup(expression, i, '{', '}');
      } else if (c == '[') {
        i = afterGroup(expression, i, '[', ']');
      } else if (c == '$') {
        i = afterVariable(expression, i);
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < length && isDigitAt(expression, i + 1))) {
        // Numbers and durations (0.99, 1e3, 5m, 0x1f).
        i = afterWord(expression, i);
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        int end = afterWord(expression, i);
        String word = expression.substring(i, end);
        int next = skipSpaces(expression, end);
        // An aggregation with its grouping first: sum by (le) (...).
        boolean call =
            (next < length && expression.charAt(next) == '(') || groupingAt(expression, next);
        String keyword = word.toLowerCase(Locale.ROOT);
        if (LABEL_LISTS.contains(keyword)) {
          i = call ? afterGroup(expression, next, '(', ')') : end;
          continue;
        }
        if (!call && !KEYWORDS.contains(keyword)) {
          names.add(word);
        }
        i = end;
      } else {
        i++;
      }
    }
    return names;
  }

  private static boolean groupingAt(String text, int index) {
    String rest = text.substring(index).toLowerCase(Locale.ROOT);
    for (String grouping : List.of("by", "without")) {
      if (rest.startsWith(grouping)
          && (rest.length() == grouping.length()
              || !Character.isLetterOrDigit(rest.charAt(grouping.length()))
                  && rest.charAt(grouping.length()) != '_')) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDigitAt(String text, int index) {
    return Character.isDigit(text.charAt(index));
  }

  private static int afterWord(String text, int start) {
    int i = start;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == '.')) {
        break;
      }
      i++;
    }
    return i;
  }

  private static int skipSpaces(String text, int start) {
    int i = start;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Past the closing quote; a backslash escapes the next character except in backticks. */
  private static int afterString(String text, int start) {
    char quote = text.charAt(start);
    int i = start + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' && quote != '`') {
        i += 2;
        continue;
      }
      if (c == quote) {
        return i + 1;
      }
      i++;
    }
    throw new IllegalArgumentException(
        "unterminated string from position " + start + " in: " + text);
  }

  /** Past the bracket that closes the one at start, over nested ones and strings. */
  private static int afterGroup(String text, int start, char open, char close) {
    int depth = 0;
    int i = start;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = afterString(text, i);
        continue;
      }
      if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        return i + 1;
      }
      i++;
    }
    throw new IllegalArgumentException(
        "unbalanced '" + open + "' at position " + start + " in: " + text);
  }

  private static int afterVariable(String text, int start) {
    if (start + 1 < text.length() && text.charAt(start + 1) == '{') {
      return afterGroup(text, start + 1, '{', '}');
    }
    return afterWord(text, start + 1);
  }
}
