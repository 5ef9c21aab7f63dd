package io.kafleet.placement.input;

import io.kafleet.validation.ObjectMetaValidation;
import io.kafleet.validation.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Understands every document of an apply before anything is stored: one bad document rejects the
 * whole apply, so that bad input changes nothing.
 */
public final class Submissions {

  private static final String KARMADA_GROUP = "policy.karmada.io/";
  private static final String KUBEVELA_GROUP = "core.oam.dev/";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Submissions() {}

  /**
   * @param maxObjectBytes the largest object accepted, as JSON: each is stored, and sent to each
   *     cluster, as one Kafka record
   */
  public static List<Submission> read(String source, String text, int maxObjectBytes) {
    List<JsonNode> documents = ManifestReader.read(source, text);
    if (documents.isEmpty()) {
      throw new InvalidInputException(source, "holds no Kubernetes object");
    }
    List<Submission> submissions = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < documents.size(); i++) {
      String where = source + " document " + i;
      Submission submission;
      try {
        requireWellFormed(documents.get(i));
        submission = of(documents.get(i));
      } catch (InvalidInputException e) {
        throw e.inDocument(where);
      }
      int size = JSON.writeValueAsBytes(documents.get(i)).length;
      if (size > maxObjectBytes) {
        throw new InvalidInputException(
            where,
            submission.key()
                + " is "
                + size
                + " bytes as JSON; the limit is "
                + maxObjectBytes
                + " bytes (kafleet.kafka.max-object-bytes, bounded by the brokers'"
                + " message.max.bytes; Kubernetes itself stores objects of at most 1.5 MiB)");
      }
      if (!seen.add(submission.key().toString())) {
        throw new InvalidInputException(where, submission.key() + " appears twice in one apply");
      }
      submissions.add(submission);
    }
    return submissions;
  }

  /**
   * Refuses an object kube-apiserver would refuse for its metadata (see {@link
   * ObjectMetaValidation}), with every violation and the object's kind and name.
   */
  static void requireWellFormed(JsonNode document) {
    List<Violation> violations = ObjectMetaValidation.validate(document);
    if (!violations.isEmpty()) {
      String object = describe(document);
      throw new InvalidInputException(
          violations.stream()
              .map(v -> new Violation("(" + object + ") " + v.field(), v.message()))
              .toList());
    }
  }

  /** {@code Kind namespace/name}, or {@code Kind name} for an object without a namespace. */
  public static String describe(JsonNode document) {
    JsonNode metadata = document.path("metadata");
    String namespace = metadata.path("namespace").asString("");
    return document.path("kind").asString("")
        + " "
        + (namespace.isEmpty() ? "" : namespace + "/")
        + metadata.path("name").asString("");
  }

  /** One document, understood; also used to reload what was stored. */
  public static Submission of(JsonNode document) {
    String apiVersion = document.path("apiVersion").asString();
    String kind = document.path("kind").asString();
    if (KarmadaPolicyReader.isKarmadaPolicy(document)) {
      return new Submission.Policy(KarmadaPolicyReader.read(document), document);
    }
    if (KarmadaOverridePolicyReader.isOverridePolicy(document)) {
      return new Submission.Overrides(KarmadaOverridePolicyReader.read(document), document);
    }
    if (KubeVelaApplicationReader.isApplication(document)) {
      return KubeVelaApplicationReader.submission(document);
    }
    if (FlaggerCanaryReader.isCanary(document)) {
      return FlaggerCanaryReader.submission(document);
    }
    if (apiVersion.startsWith(FlaggerCanaryReader.GROUP) && kind.equals(FlaggerCanaryReader.KIND)) {
      throw new InvalidInputException(
          "apiVersion",
          apiVersion + " Canary is not supported: use " + FlaggerCanaryReader.API_VERSION);
    }
    if (apiVersion.startsWith(KARMADA_GROUP) || apiVersion.startsWith(KUBEVELA_GROUP)) {
      throw new InvalidInputException(
          "kind",
          apiVersion
              + " "
              + kind
              + " is not supported yet (supported: "
              + KarmadaPolicyReader.API_VERSION
              + " "
              + KarmadaPolicyReader.KINDS
              + " "
              + KarmadaOverridePolicyReader.KINDS
              + ", "
              + KubeVelaApplicationReader.API_VERSION
              + " Application)");
    }
    return new Submission.Template(TemplateReader.read(document), document);
  }
}
