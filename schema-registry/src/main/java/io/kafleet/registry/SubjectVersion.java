package io.kafleet.registry;

/** One version of a subject: which schema it is and under which global id. */
record SubjectVersion(String subject, int version, int id, ParsedSchema schema) {}
