package io.kafleet.placement.overrides;

/**
 * A container image split as Karmada's image overrider splits it: {@code
 * [registry/]repository[:tag][@digest]}, where the first path element is the registry only when it
 * looks like a host (has a dot or a port, or is {@code localhost}).
 */
record ImageReference(String registry, String repository, String tag, String digest) {

  static ImageReference parse(String image) {
    String rest = image;
    String digest = "";
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String tag = "";
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    String registry = "";
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        rest = rest.substring(slash + 1);
      }
    }
    if (rest.isEmpty()) {
      throw new CannotOverride("'" + image + "' is not a container image reference");
    }
    return new ImageReference(registry, rest, tag, digest);
  }

  ImageReference withRegistry(String value) {
    return new ImageReference(value, repository, tag, digest);
  }

  ImageReference withRepository(String value) {
    return new ImageReference(registry, value, tag, digest);
  }

  /** Karmada's tag component is the tag, or the digest when there is no tag. */
  String tagOrDigest() {
    return tag.isEmpty() ? digest : tag;
  }

  /** A value with a colon is a digest ({@code sha256:...}); anything else is a tag. */
  ImageReference withTagOrDigest(String value) {
    return value.contains(":")
        ? new ImageReference(registry, repository, "", value)
        : new ImageReference(registry, repository, value, "");
  }

  ImageReference withoutTagOrDigest() {
    return tag.isEmpty()
        ? new ImageReference(registry, repository, "", "")
        : new ImageReference(registry, repository, "", digest);
  }

  @Override
  public String toString() {
    return (registry.isEmpty() ? "" : registry + "/")
        + repository
        + (tag.isEmpty() ? "" : ":" + tag)
        + (digest.isEmpty() ? "" : "@" + digest);
  }
}
