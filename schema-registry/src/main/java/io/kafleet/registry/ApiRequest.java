package io.kafleet.registry;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A request as an endpoint sees it.
 *
 * @param pathParameters the named path segments, URL-decoded
 * @param queryParameters the query parameters, URL-decoded
 * @param body the parsed JSON body; a missing node when there is none
 */
record ApiRequest(
    Map<String, String> pathParameters, Map<String, String> queryParameters, JsonNode body) {

  ApiRequest {
    pathParameters = Map.copyOf(pathParameters);
    queryParameters = Map.copyOf(queryParameters);
  }

  String path(String name) {
    String value = pathParameters.get(name);
    if (value == null) {
      throw new IllegalArgumentException("no path parameter " + name);
    }
    return value;
  }

  boolean flag(String name) {
    return Boolean.parseBoolean(queryParameters.get(name));
  }
}
