package io.kafleet.validation;

import static io.kafleet.validation.SingleQuotedJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ObjectMetaValidationTest {

  private static JsonNode configMap(String metadata) {
    return json("{'apiVersion':'v1','kind':'ConfigMap','metadata':" + metadata + "}");
  }

  private static List<String> fields(List<Violation> violations) {
    return violations.stream().map(Violation::field).toList();
  }

  @Test
  void aWellFormedObjectHasNoViolations() {
    assertThat(
            ObjectMetaValidation.validate(
                configMap(
                    "{'name':'app.config','namespace':'team-a','labels':{'app.kubernetes.io/name':"
                        + "'reviews','version':''},'annotations':{'Example.com/Note':'any text: ok'}}")))
        .isEmpty();
  }

  @Test
  void anUpperCaseNameIsRefusedNamingTheKindAndTheRule() {
    List<Violation> violations =
        ObjectMetaValidation.validate(configMap("{'name':'UpperCase_Name'}"));
    assertThat(violations)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("metadata.name");
              assertThat(v.message())
                  .startsWith(
                      "\"UpperCase_Name\" is not a valid ConfigMap name (a lowercase RFC 1123 subdomain)");
            });
  }

  @Test
  void theNameRuleDependsOnTheKind() {
    JsonNode service =
        json("{'apiVersion':'v1','kind':'Service','metadata':{'name':'reviews.v1'}}");
    JsonNode namespace =
        json("{'apiVersion':'v1','kind':'Namespace','metadata':{'name':'team.a'}}");
    JsonNode role =
        json(
            "{'apiVersion':'rbac.authorization.k8s.io/v1','kind':'ClusterRole',"
                + "'metadata':{'name':'system:Reader'}}");
    assertThat(ObjectMetaValidation.validate(service))
        .singleElement()
        .extracting(Violation::message)
        .asString()
        .contains("DNS-1035 label");
    assertThat(ObjectMetaValidation.validate(namespace))
        .singleElement()
        .extracting(Violation::message)
        .asString()
        .contains("RFC 1123 label");
    assertThat(ObjectMetaValidation.validate(role)).isEmpty();
  }

  @Test
  void aMissingOrNonStringNameIsRequired() {
    assertThat(fields(ObjectMetaValidation.validate(configMap("{'name':7}"))))
        .containsExactly("metadata.name");
    assertThat(fields(ObjectMetaValidation.validate(configMap("{}"))))
        .containsExactly("metadata.name");
    assertThat(fields(ObjectMetaValidation.validate(configMap("'x'")))).containsExactly("metadata");
  }

  @Test
  void theNamespaceIsALabel() {
    assertThat(ObjectMetaValidation.validate(configMap("{'name':'a','namespace':'Team_A'}")))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("metadata.namespace");
              assertThat(v.message()).startsWith("\"Team_A\" is not a valid namespace");
            });
    assertThat(fields(ObjectMetaValidation.validate(configMap("{'name':'a','namespace':3}"))))
        .containsExactly("metadata.namespace");
    assertThat(ObjectMetaValidation.validate(configMap("{'name':'a','namespace':''}"))).isEmpty();
  }

  @Test
  void everyBadLabelKeyAndValueIsNamedByItsKey() {
    List<Violation> violations =
        ObjectMetaValidation.validate(
            configMap("{'name':'a','labels':{'-bad':'ok','good':'has space','n':7,'x/y/z':'v'}}"));
    assertThat(fields(violations))
        .containsExactly(
            "metadata.labels[\"-bad\"]",
            "metadata.labels[\"good\"]",
            "metadata.labels[\"n\"]",
            "metadata.labels[\"x/y/z\"]");
    assertThat(violations.get(0).message()).startsWith("label key \"-bad\" is not valid");
    assertThat(violations.get(1).message()).startsWith("label value \"has space\" is not valid");
    assertThat(violations.get(2).message()).contains("must be a string");
    assertThat(fields(ObjectMetaValidation.validate(configMap("{'name':'a','labels':['x']}"))))
        .containsExactly("metadata.labels");
  }

  @Test
  void annotationKeysAreQualifiedNamesAndTheirTotalSizeIsBounded() {
    assertThat(
            fields(
                ObjectMetaValidation.validate(
                    configMap("{'name':'a','annotations':{'bad key':'v','k':{'x':1}}}"))))
        .containsExactly("metadata.annotations[\"bad key\"]", "metadata.annotations[\"k\"]");
    ObjectNode big = (ObjectNode) configMap("{'name':'a','annotations':{}}");
    ((ObjectNode) big.path("metadata").path("annotations"))
        .put("note", "x".repeat(ObjectMetaValidation.ANNOTATIONS_MAX_BYTES - 4));
    assertThat(ObjectMetaValidation.validate(big)).isEmpty();
    ((ObjectNode) big.path("metadata").path("annotations")).put("n", "");
    assertThat(ObjectMetaValidation.validate(big))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("metadata.annotations");
              assertThat(v.message()).contains("262145 bytes in total").contains("262144");
            });
  }

  @Test
  void aWorkloadsPodTemplateLabelsAreCheckedToo() {
    JsonNode deployment =
        json(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'reviews-v1'},"
                + "'spec':{'template':{'metadata':{'labels':{'app':'bad value!'}}}}}");
    assertThat(fields(ObjectMetaValidation.validate(deployment)))
        .containsExactly("spec.template.metadata.labels[\"app\"]");
  }
}
