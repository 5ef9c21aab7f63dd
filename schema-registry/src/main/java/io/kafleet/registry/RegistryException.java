package io.kafleet.registry;

import java.util.List;

/**
 * A request the registry refuses, with the HTTP status and the Confluent error code that tell a
 * client why. Confluent's clients branch on these codes, so they mirror Confluent's exactly.
 */
final class RegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final int errorCode;

  RegistryException(int status, int errorCode, String message) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  int status() {
    return status;
  }

  int errorCode() {
    return errorCode;
  }

  static RegistryException subjectNotFound(String subject) {
    return new RegistryException(404, 40401, "Subject '" + subject + "' not found.");
  }

  static RegistryException versionNotFound(int version) {
    return new RegistryException(404, 40402, "Version " + version + " not found.");
  }

  static RegistryException schemaNotFound() {
    return new RegistryException(404, 40403, "Schema not found");
  }

  static RegistryException schemaNotFound(String id) {
    return new RegistryException(404, 40403, "Schema " + id + " not found");
  }

  static RegistryException subjectLevelNotConfigured(String subject) {
    return new RegistryException(
        404,
        40408,
        "Subject '" + subject + "' does not have subject-level compatibility configured");
  }

  static RegistryException incompatible(String subject, List<String> details) {
    return new RegistryException(
        409,
        409,
        "Schema being registered is incompatible with an earlier schema for subject \""
            + subject
            + "\", details: "
            + details);
  }

  static RegistryException invalidSchema(String reason) {
    return new RegistryException(422, 42201, reason);
  }

  static RegistryException invalidVersion(String version) {
    return new RegistryException(
        422,
        42202,
        "The specified version '"
            + version
            + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string"
            + " \"latest\"");
  }

  static RegistryException invalidCompatibilityLevel(String level) {
    return new RegistryException(
        422,
        42203,
        "Invalid compatibility level '"
            + level
            + "'. Valid values are none, backward, forward, full, backward_transitive,"
            + " forward_transitive, and full_transitive");
  }

  static RegistryException badRequest(String reason) {
    return new RegistryException(400, 400, reason);
  }

  static RegistryException unauthorized() {
    return new RegistryException(401, 401, "Unauthorized");
  }

  static RegistryException notFound() {
    return new RegistryException(404, 404, "HTTP 404 Not Found");
  }

  static RegistryException methodNotAllowed() {
    return new RegistryException(405, 405, "HTTP 405 Method Not Allowed");
  }

  static RegistryException unsupportedMediaType(String contentType) {
    return new RegistryException(
        415,
        415,
        "HTTP 415 Unsupported Media Type: "
            + contentType
            + "; send application/vnd.schemaregistry.v1+json or application/json");
  }

  static RegistryException storeError(String reason) {
    return new RegistryException(500, 50001, "Error in the backend data store: " + reason);
  }

  static RegistryException storeTimeout(String reason) {
    return new RegistryException(500, 50002, "Operation timed out: " + reason);
  }
}
