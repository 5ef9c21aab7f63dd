package io.kafleet.registry;

import tools.jackson.databind.JsonNode;

/** An HTTP answer of the registry; its toString is what a failing assertion shows. */
record Reply(String request, int status, String contentType, String text, JsonNode json) {

  int errorCode() {
    return json.path("error_code").asInt(-1);
  }

  int id() {
    return json.path("id").asInt(-1);
  }

  @Override
  public String toString() {
    return request + " -> " + status + " " + text;
  }
}
