package io.kafleet.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kubernetes' syntax rules for names, label keys and label values, as apimachinery's {@code
 * pkg/util/validation} states them, with its messages. Each check returns what is wrong, or nothing
 * when the value is valid. Pure.
 */
public final class KubernetesNames {

  public static final int LABEL_MAX_LENGTH = 63;
  public static final int SUBDOMAIN_MAX_LENGTH = 253;

  private static final String LABEL_FORMAT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern LABEL = Pattern.compile(LABEL_FORMAT);
  private static final String SUBDOMAIN_FORMAT = LABEL_FORMAT + "(\\." + LABEL_FORMAT + ")*";
  private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_FORMAT);
  private static final String DNS1035_FORMAT = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern DNS1035 = Pattern.compile(DNS1035_FORMAT);
  private static final String QUALIFIED_NAME_FORMAT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FORMAT);
  private static final Pattern LABEL_VALUE = Pattern.compile("(" + QUALIFIED_NAME_FORMAT + ")?");

  private KubernetesNames() {}

  /** An RFC 1123 label, e.g. a Namespace's name: {@code my-name}. */
  public static List<String> dns1123Label(String value) {
    List<String> errors = new ArrayList<>();
    if (value.length() > LABEL_MAX_LENGTH) {
      errors.add(tooLong(LABEL_MAX_LENGTH));
    }
    if (!LABEL.matcher(value).matches()) {
      errors.add(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or"
              + " '-', and must start and end with an alphanumeric character (e.g. 'my-name' or"
              + " '123-abc', regex used for validation is '"
              + LABEL_FORMAT
              + "')");
    }
    return errors;
  }

  /** An RFC 1123 subdomain, the name of most kinds: {@code example.com}. */
  public static List<String> dns1123Subdomain(String value) {
    List<String> errors = new ArrayList<>();
    if (value.length() > SUBDOMAIN_MAX_LENGTH) {
      errors.add(tooLong(SUBDOMAIN_MAX_LENGTH));
    }
    if (!SUBDOMAIN.matcher(value).matches()) {
      errors.add(
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters,"
              + " '-' or '.', and must start and end with an alphanumeric character (e.g."
              + " 'example.com', regex used for validation is '"
              + SUBDOMAIN_FORMAT
              + "')");
    }
    return errors;
  }

  /** An RFC 1035 label, e.g. a Service's name: it starts with a letter. */
  public static List<String> dns1035Label(String value) {
    List<String> errors = new ArrayList<>();
    if (value.length() > LABEL_MAX_LENGTH) {
      errors.add(tooLong(LABEL_MAX_LENGTH));
    }
    if (!DNS1035.matcher(value).matches()) {
      errors.add(
          "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start"
              + " with an alphabetic character, and end with an alphanumeric character (e.g."
              + " 'my-name' or 'abc-123', regex used for validation is '"
              + DNS1035_FORMAT
              + "')");
    }
    return errors;
  }

  /** A name that is one segment of a URL path, e.g. an RBAC Role's: no '/' or '%'. */
  public static List<String> pathSegmentName(String value) {
    List<String> errors = new ArrayList<>();
    if (value.equals(".") || value.equals("..")) {
      errors.add("may not be '" + value + "'");
    }
    for (String forbidden : List.of("/", "%")) {
      if (value.contains(forbidden)) {
        errors.add("may not contain '" + forbidden + "'");
      }
    }
    return errors;
  }

  /**
   * A label or annotation key: a name of at most 63 characters, optionally prefixed with a DNS
   * subdomain and '/': {@code app.kubernetes.io/name}.
   */
  public static List<String> qualifiedName(String value) {
    List<String> errors = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      String prefix = parts[0];
      name = parts[1];
      if (prefix.isEmpty()) {
        errors.add("prefix part must be non-empty");
      } else {
        dns1123Subdomain(prefix).forEach(error -> errors.add("prefix part " + error));
      }
    } else {
      errors.add(
          "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must"
              + " start and end with an alphanumeric character, with an optional DNS subdomain"
              + " prefix and '/' (e.g. 'example.com/MyName')");
      return errors;
    }
    if (name.isEmpty()) {
      errors.add("name part must be non-empty");
    } else if (name.length() > LABEL_MAX_LENGTH) {
      errors.add("name part " + tooLong(LABEL_MAX_LENGTH));
    }
    if (!name.isEmpty() && !QUALIFIED_NAME.matcher(name).matches()) {
      errors.add(
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and"
              + " end with an alphanumeric character (e.g. 'MyName', 'my.name' or '123-abc')");
    }
    return errors;
  }

  /** A label's value: empty, or at most 63 characters like a qualified name's name part. */
  public static List<String> labelValue(String value) {
    List<String> errors = new ArrayList<>();
    if (value.length() > LABEL_MAX_LENGTH) {
      errors.add(tooLong(LABEL_MAX_LENGTH));
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      errors.add(
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_'"
              + " or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',"
              + " 'my_value' or '12345')");
    }
    return errors;
  }

  private static String tooLong(int max) {
    return "must be no more than " + max + " characters";
  }
}
