package io.kafleet.placement.handlers;

import io.kafleet.events.StoredObject;
import io.kafleet.placement.core.Decision;
import io.kafleet.placement.core.FleetModel;
import io.kafleet.placement.core.Intent;
import io.kafleet.placement.core.SingleWriter;
import io.kafleet.placement.input.InvalidInputException;
import io.kafleet.placement.input.Submission;
import io.kafleet.placement.input.Submissions;
import io.kafleet.placement.scheduling.EvictionTask;
import io.kafleet.placement.works.DesiredWorks.Held;
import io.kafleet.placement.works.DesiredWorks.Plan;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.validation.DestinationRuleCatalog;
import io.kafleet.validation.Violation;
import io.kafleet.validation.VirtualServiceValidation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Templates and works: stores what an apply or a delete changes, with the works it causes, as one
 * decision; answers what is stored, and explains a template's placement.
 */
public final class TemplatesHandler {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Logger log = LoggerFactory.getLogger(TemplatesHandler.class);

  private final SingleWriter writer;
  private final Runnable membersFirst;
  private final TemplateSealing sealing;
  private final int maxObjectBytes;
  private final Clock clock;

  /**
   * @param membersFirst brings the model's members up to the registry's before a decision, so that
   *     a change is placed on the clusters known when it is made
   */
  public TemplatesHandler(
      SingleWriter writer,
      Runnable membersFirst,
      TemplateSealing sealing,
      int maxObjectBytes,
      Clock clock) {
    this.writer = writer;
    this.membersFirst = membersFirst;
    this.sealing = sealing;
    this.maxObjectBytes = maxObjectBytes;
    this.clock = clock;
  }

  /**
   * Stores every object of the input whose content changed, with the works that follows from it, in
   * one decision. Input that cannot be understood, or after which some cluster's copy of a template
   * could not be rendered when it could until now, throws {@link InvalidInputException} and changes
   * nothing.
   */
  public List<ApplyResult> apply(String source, String text, String appliedBy) {
    List<Submission> submissions = read(source, text);
    return change(
        source,
        model -> {
          requireSoundRoutes(source, submissions, model);
          return new Proposal(submissions, List.of());
        },
        appliedBy);
  }

  /**
   * Refuses VirtualServices whose route weights break the rules a weight shift follows (see {@link
   * VirtualServiceValidation}), checking subsets against the DestinationRules the fleet will hold:
   * those stored, as this apply changes them.
   */
  private static void requireSoundRoutes(
      String source, List<Submission> submissions, FleetModel model) {
    List<JsonNode> objects = new ArrayList<>();
    model.templates().forEach(template -> objects.add(template.manifest()));
    submissions.forEach(submission -> objects.add(submission.document()));
    DestinationRuleCatalog rules = DestinationRuleCatalog.of(objects);
    List<Violation> violations = new ArrayList<>();
    for (int i = 0; i < submissions.size(); i++) {
      JsonNode document = submissions.get(i).document();
      if (!VirtualServiceValidation.isVirtualService(document)) {
        continue;
      }
      String where = document(source, i) + " (" + Submissions.describe(document) + ")";
      VirtualServiceValidation.validate(document, rules)
          .forEach(v -> violations.add(new Violation(where + " " + v.field(), v.message())));
    }
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
  }

  /** What a change stores and what it forgets. */
  record Proposal(List<Submission> submissions, Collection<ObjectKey> removes) {}

  /** The input's objects, understood; a clear error naming the document otherwise. */
  List<Submission> read(String source, String text) {
    return Submissions.read(source, text, maxObjectBytes);
  }

  /**
   * Stores the proposal's submissions and forgets its removed keys in one decision.
   *
   * @param source names the input in errors
   * @param propose what to change, from the model as it is when the decision is taken
   */
  List<ApplyResult> change(String source, Function<FleetModel, Proposal> propose, String by) {
    List<ApplyResult> results = new ArrayList<>();
    membersFirst.run();
    writer.decide(
        model -> {
          results.clear();
          Proposal proposal = propose.apply(model);
          List<Submission> submissions = proposal.submissions();
          Collection<ObjectKey> removes = proposal.removes();
          Map<Submission, Long> changed = new LinkedHashMap<>();
          for (Submission submission : submissions) {
            results.add(result(model, submission, changed));
          }
          List<Intent> stored = new ArrayList<>();
          Instant now = clock.instant();
          for (Map.Entry<Submission, Long> entry : changed.entrySet()) {
            try {
              stored.add(store(entry.getKey(), entry.getValue(), by, now));
            } catch (InvalidInputException e) {
              throw e.inDocument(document(source, submissions.indexOf(entry.getKey())));
            }
          }
          stored.addAll(rolloutRequests(changed, by, now));
          List<ObjectKey> forgotten =
              removes.stream().filter(k -> model.find(k).isPresent()).toList();
          for (ObjectKey key : forgotten) {
            stored.add(
                new Intent.Forget(key, model.find(key).get() instanceof Submission.Template));
          }
          if (changed.isEmpty() && forgotten.isEmpty()) {
            return new Decision(List.of(), List.of(), List.of());
          }
          Decision decision = model.store(changed, forgotten, stored);
          refuseNewlyHeld(source, submissions, decision);
          return decision;
        });
    results.forEach(TemplatesHandler::logChange);
    return results;
  }

  /** A stored object that changed, with its key and generation on the line. */
  @SuppressWarnings("try") // the MDC entries are the try's purpose: set for the lines inside
  private static void logChange(ApplyResult result) {
    if (result.result().equals("unchanged")) {
      return;
    }
    try (var object = MDC.putCloseable("object", result.objectKey());
        var generation = MDC.putCloseable("generation", String.valueOf(result.generation()))) {
      log.info("{} {}", result.result(), result.objectKey());
    }
  }

  /**
   * Deletes a stored template or policy: its works (or those it placed) are removed with it.
   *
   * @return false when nothing is stored under the key
   */
  public boolean delete(ObjectKey key) {
    boolean[] found = {false};
    membersFirst.run();
    writer.decide(
        model -> {
          Optional<Submission> stored = model.find(key);
          found[0] = stored.isPresent();
          if (stored.isEmpty()) {
            return new Decision(List.of(), List.of(), List.of());
          }
          return model.store(
              Map.of(),
              List.of(key),
              List.of(new Intent.Forget(key, stored.get() instanceof Submission.Template)));
        });
    return found[0];
  }

  /** Where the template goes and why; empty when no such template is stored. */
  public Optional<Plan> explain(ObjectKey key) {
    return writer.read(model -> model.explain(key));
  }

  /** The graceful evictions the template's works are in: where they stay for now, and why. */
  public List<EvictionTask> evictionsOf(ObjectKey key) {
    return writer.read(model -> model.evictionsOf(key));
  }

  /** The stored submission under the key. */
  public Optional<Submission> find(ObjectKey key) {
    return writer.read(model -> model.find(key));
  }

  /** Every stored object, with its generation and, for templates, its status. */
  public List<StoredSummary> list() {
    return writer.read(
        model -> model.keys().stream().map(key -> summary(model, key).orElseThrow()).toList());
  }

  public Optional<StoredSummary> summary(ObjectKey key) {
    return writer.read(model -> summary(model, key));
  }

  private static Optional<StoredSummary> summary(FleetModel model, ObjectKey key) {
    return model
        .find(key)
        .map(
            stored ->
                StoredSummary.of(stored, model.generationOf(key), model.status(key).orElse(null)));
  }

  private static ApplyResult result(
      FleetModel model, Submission submission, Map<Submission, Long> changed) {
    String key = submission.key().toString();
    Optional<String> publishVersion = model.heldByPublishVersion(submission);
    if (publishVersion.isPresent()) {
      return new ApplyResult(
          key,
          model.generationOf(submission.key()),
          "unchanged",
          FleetModel.PUBLISH_VERSION
              + " is still "
              + publishVersion.get()
              + ": the changed Application is not rolled out until it changes");
    }
    OptionalLong next = model.nextGeneration(submission);
    long generation = next.orElse(model.generationOf(submission.key()));
    next.ifPresent(g -> changed.put(submission, g));
    return new ApplyResult(
        key, generation, next.isEmpty() ? "unchanged" : generation == 1 ? "created" : "configured");
  }

  /**
   * The rollout each changed Canary's new generation asks for, written with the Canary: a Canary
   * applied again unchanged keeps its generation and asks for nothing.
   */
  static List<Intent> rolloutRequests(
      Map<Submission, Long> changed, String requestedBy, Instant requestedAt) {
    List<Intent> requests = new ArrayList<>();
    changed.forEach(
        (submission, generation) -> {
          if (submission instanceof Submission.Canary canary) {
            requests.add(
                new Intent.RequestRollout(
                    canary.rollout().request(generation, requestedBy, requestedAt)));
          }
        });
    return requests;
  }

  /** As submitted; a Secret template's values sealed. */
  private Intent store(Submission submission, long generation, String appliedBy, Instant at) {
    TemplateSealing.StoredForm form =
        sealing.seal(submission, JSON.writeValueAsString(submission.document()));
    return new Intent.Store(
        submission.key(),
        submission instanceof Submission.Template,
        new StoredObject(
            submission.key().toString(),
            submission.apiVersion(),
            form.document(),
            generation,
            appliedBy,
            at,
            form.sealedData()));
  }

  /**
   * Refuses a change after which some cluster's copy of a template could not be rendered (an
   * override that does not fit it), when it could be until now: the change is what breaks it.
   */
  private static void refuseNewlyHeld(
      String input, List<Submission> submissions, Decision decision) {
    for (Held held : decision.newlyHeld()) {
      String reason =
          held.reason() + " (" + held.template() + " in cluster " + held.id().cluster() + ")";
      int culprit = indexOf(submissions, held.source());
      if (culprit >= 0) {
        throw new InvalidInputException(held.field(), reason).inDocument(document(input, culprit));
      }
      InvalidInputException error =
          new InvalidInputException(held.source() + " " + held.field(), reason);
      int template = indexOf(submissions, held.template());
      throw template >= 0 ? error.inDocument(document(input, template)) : error;
    }
  }

  private static int indexOf(List<Submission> submissions, ObjectKey key) {
    for (int i = 0; i < submissions.size(); i++) {
      if (submissions.get(i).key().equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /** Names a document as {@link Submissions#read} does. */
  private static String document(String input, int index) {
    return input + " document " + index;
  }
}
