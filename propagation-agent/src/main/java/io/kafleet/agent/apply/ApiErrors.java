package io.kafleet.agent.apply;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** The API server's own words for a refusal, which is what a user needs to fix the object. */
final class ApiErrors {

  private ApiErrors() {}

  static String message(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getStatus().getMessage();
    }
    return e.getMessage();
  }
}
