package io.kafleet.serde;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate generated classes whose package is not trusted (the {@code
 * org.apache.avro.SERIALIZABLE_PACKAGES} check). kafleet's serde trusts its own events package once
 * per JVM, through Avro's global predicate rather than the system property, because the property is
 * read only once, when Avro's validator initialises, which may already have happened.
 */
public final class AvroTrust {

  public static final String EVENTS_PACKAGE = "io.kafleet.events";

  static {
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(
            ClassSecurityValidator.getGlobal(),
            type -> type.getName().startsWith(EVENTS_PACKAGE + ".")));
  }

  private AvroTrust() {}

  /** Makes sure the trust is in place; loading this class did it, so later calls cost nothing. */
  public static void ensure() {}
}
