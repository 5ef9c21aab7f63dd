package io.kafleet.agent.query;

import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.kafleet.events.AgentQuery;
import java.util.regex.Pattern;

/**
 * What a query asks for, checked and normalized: blank optional fields mean "any". The label
 * selector is passed to the API server as written, so that it means exactly what it means to
 * kubectl, and a bad one is refused with the API server's own message.
 *
 * @param group {@code ""} for the core group
 * @param namespace null: every namespace
 * @param name null: every object
 * @param labelSelector null: no selector
 */
public record QueryTarget(
    String apiVersion,
    String group,
    String kind,
    String namespace,
    String name,
    String labelSelector) {

  private static final Pattern API_VERSION =
      Pattern.compile("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?v[0-9]+((alpha|beta)[0-9]+)?");
  private static final Pattern KIND = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

  /** Reads the query's target, or fails with a {@link QueryRefused} naming the bad field. */
  public static QueryTarget of(AgentQuery query) {
    String apiVersion = blankToNull(query.getApiVersion());
    if (apiVersion == null || !API_VERSION.matcher(apiVersion).matches()) {
      throw new QueryRefused(
          "apiVersion '" + query.getApiVersion() + "' is not 'version' or 'group/version'");
    }
    String kind = blankToNull(query.getKind());
    if (kind == null || !KIND.matcher(kind).matches()) {
      throw new QueryRefused("kind '" + query.getKind() + "' is not a Kubernetes kind name");
    }
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    return new QueryTarget(
        apiVersion,
        group,
        kind,
        blankToNull(query.getNamespace()),
        blankToNull(query.getName()),
        blankToNull(query.getLabelSelector()));
  }

  /** The list request: by name through a field selector, so that name and labels combine. */
  public ListOptions listOptions(String continueToken, long limit) {
    return new ListOptionsBuilder()
        .withLabelSelector(labelSelector)
        .withFieldSelector(name == null ? null : "metadata.name=" + name)
        .withLimit(limit)
        .withContinue(continueToken)
        .build();
  }

  /** group/Kind as kafleet names kinds ({@code core} for the core group). */
  public String groupKind() {
    return (group.isEmpty() ? "core" : group) + "/" + kind;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
