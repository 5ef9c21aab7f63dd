package io.kafleet.registry;

import org.apache.avro.Schema;

/**
 * An Avro schema with its canonical text: Avro's own rendering of the parsed schema, so that two
 * texts differing only in whitespace or attribute order are the same schema (as in Confluent).
 */
record ParsedSchema(Schema schema, String canonical) {

  /** Parses and validates (names, defaults); anything Avro rejects is error 42201. */
  static ParsedSchema parse(String text) {
    if (text == null || text.isBlank()) {
      throw RegistryException.invalidSchema("Empty schema");
    }
    Schema schema = avroParse(text, text);
    String canonical = schema.toString();
    // The log stores the canonical text and every reader parses it again: a text that would not
    // come back the same must not get in.
    if (!text.equals(canonical) && !canonical.equals(avroParse(canonical, text).toString())) {
      throw RegistryException.invalidSchema("Invalid schema " + text + ": it does not round-trip");
    }
    return new ParsedSchema(schema, canonical);
  }

  private static Schema avroParse(String text, String submitted) {
    try {
      return new Schema.Parser().parse(text);
    } catch (RuntimeException e) {
      // Avro reports bad input with several exception types (parse, type, plain runtime ones).
      throw RegistryException.invalidSchema("Invalid schema " + submitted + ": " + e.getMessage());
    }
  }

  boolean sameAs(ParsedSchema other) {
    return canonical.equals(other.canonical);
  }
}
