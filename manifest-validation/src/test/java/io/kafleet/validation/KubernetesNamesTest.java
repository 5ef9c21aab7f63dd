package io.kafleet.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KubernetesNamesTest {

  @Test
  void aLabelIsLowerCaseAlphanumericWithInnerDashesOfAtMost63() {
    assertThat(KubernetesNames.dns1123Label("my-name")).isEmpty();
    assertThat(KubernetesNames.dns1123Label("123-abc")).isEmpty();
    assertThat(KubernetesNames.dns1123Label("a".repeat(63))).isEmpty();
    assertThat(KubernetesNames.dns1123Label("a".repeat(64)))
        .containsExactly("must be no more than 63 characters");
    assertThat(KubernetesNames.dns1123Label("My-name"))
        .singleElement()
        .asString()
        .contains("RFC 1123 label");
    assertThat(KubernetesNames.dns1123Label("-a")).hasSize(1);
    assertThat(KubernetesNames.dns1123Label("a-")).hasSize(1);
    assertThat(KubernetesNames.dns1123Label("a.b")).hasSize(1);
    assertThat(KubernetesNames.dns1123Label("")).hasSize(1);
  }

  @Test
  void aSubdomainIsDotSeparatedLabelsOfAtMost253() {
    assertThat(KubernetesNames.dns1123Subdomain("example.com")).isEmpty();
    assertThat(KubernetesNames.dns1123Subdomain("reviews-v1")).isEmpty();
    assertThat(KubernetesNames.dns1123Subdomain("a".repeat(253))).isEmpty();
    assertThat(KubernetesNames.dns1123Subdomain("a".repeat(254)))
        .containsExactly("must be no more than 253 characters");
    assertThat(KubernetesNames.dns1123Subdomain("UpperCase_Name"))
        .singleElement()
        .asString()
        .contains("RFC 1123 subdomain");
    assertThat(KubernetesNames.dns1123Subdomain("a..b")).hasSize(1);
    assertThat(KubernetesNames.dns1123Subdomain(".a")).hasSize(1);
  }

  @Test
  void aDns1035LabelStartsWithALetter() {
    assertThat(KubernetesNames.dns1035Label("productpage")).isEmpty();
    assertThat(KubernetesNames.dns1035Label("1st"))
        .singleElement()
        .asString()
        .contains("start with an alphabetic character");
  }

  @Test
  void aPathSegmentNameMayNotBeDotsNorHoldSlashOrPercent() {
    assertThat(KubernetesNames.pathSegmentName("system:controller:Job")).isEmpty();
    assertThat(KubernetesNames.pathSegmentName("..")).containsExactly("may not be '..'");
    assertThat(KubernetesNames.pathSegmentName("a/b%c"))
        .containsExactly("may not contain '/'", "may not contain '%'");
  }

  @Test
  void aQualifiedNameHasAnOptionalSubdomainPrefix() {
    assertThat(KubernetesNames.qualifiedName("app")).isEmpty();
    assertThat(KubernetesNames.qualifiedName("app.kubernetes.io/name")).isEmpty();
    assertThat(KubernetesNames.qualifiedName("MyName")).isEmpty();
    assertThat(KubernetesNames.qualifiedName("my_name.x")).isEmpty();
    assertThat(KubernetesNames.qualifiedName("/name"))
        .containsExactly("prefix part must be non-empty");
    assertThat(KubernetesNames.qualifiedName("Example.com/name"))
        .singleElement()
        .asString()
        .startsWith("prefix part a lowercase RFC 1123 subdomain");
    assertThat(KubernetesNames.qualifiedName("example.com/"))
        .containsExactly("name part must be non-empty");
    assertThat(KubernetesNames.qualifiedName("a/b/c"))
        .singleElement()
        .asString()
        .startsWith("a qualified name must consist");
    assertThat(KubernetesNames.qualifiedName("x".repeat(64)))
        .containsExactly("name part must be no more than 63 characters");
    assertThat(KubernetesNames.qualifiedName("-app"))
        .singleElement()
        .asString()
        .startsWith("name part must consist");
  }

  @Test
  void aLabelValueIsEmptyOrLikeAQualifiedNamesNamePart() {
    assertThat(KubernetesNames.labelValue("")).isEmpty();
    assertThat(KubernetesNames.labelValue("v1.2_3-a")).isEmpty();
    assertThat(KubernetesNames.labelValue("has space"))
        .singleElement()
        .asString()
        .startsWith("a valid label must be an empty string");
    assertThat(KubernetesNames.labelValue("v".repeat(64)))
        .containsExactly("must be no more than 63 characters");
  }
}
