package io.kafleet.placement.handlers;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What an apply did to one object, in kubectl's words: created, configured or unchanged.
 *
 * @param note why a changed object was left unchanged, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplyResult(String objectKey, long generation, String result, String note) {

  public ApplyResult(String objectKey, long generation, String result) {
    this(objectKey, generation, result, null);
  }
}
