package io.kafleet.placement.overrides;

/** An overrider that does not fit the object it is applied to, with why in words. */
final class CannotOverride extends RuntimeException {

  private static final long serialVersionUID = 1L;

  CannotOverride(String reason) {
    super(reason, null, false, false);
  }
}
