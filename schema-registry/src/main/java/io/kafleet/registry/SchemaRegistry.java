package io.kafleet.registry;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's rules (Confluent's semantics) over the materialized state; every change goes
 * through the log.
 */
final class SchemaRegistry {

  private static final Logger log = LoggerFactory.getLogger(SchemaRegistry.class);

  /** The version that {@code latest} and {@code -1} name. */
  static final int LATEST = -1;

  /**
   * Each lost race costs one attempt, a round trip to the broker. Only another instance registering
   * at the same moment wins one, and each race has one winner, so a registration loses many in a
   * row only while other instances register without pause.
   */
  private static final int MAX_ATTEMPTS = 50;

  private final RegistryState state;
  private final SchemaLog store;

  /**
   * One proposal at a time per instance: this instance's own requests then never race each other
   * for the same id or version, only other instances' do.
   */
  private final Object proposals = new Object();

  SchemaRegistry(RegistryState state, SchemaLog store) {
    this.state = state;
    this.store = store;
  }

  /** Registers the schema under the subject, or finds it there already, and returns its id. */
  int register(String subject, String schemaText) {
    ParsedSchema candidate = ParsedSchema.parse(schemaText);
    synchronized (proposals) {
      for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        List<SubjectVersion> live = state.liveVersions(subject);
        Optional<SubjectVersion> existing = find(live, candidate);
        if (existing.isPresent()) {
          return existing.get().id();
        }
        List<String> problems =
            CompatibilityChecker.incompatibilities(
                state.effectiveLevel(subject), candidate.schema(), live);
        if (!problems.isEmpty()) {
          throw RegistryException.incompatible(subject, problems);
        }
        int id = state.idOf(candidate).orElseGet(state::nextId);
        int version = state.highestVersion(subject) + 1;
        Outcome outcome =
            store.append(LogRecord.registration(subject, version, id, candidate.canonical()));
        if (outcome.accepted()) {
          return id;
        }
        // Another instance took the id or the version first; by now this instance has read
        // that, so the next attempt starts from fresh numbers. No pause: the winner does not
        // pause either, and waiting would only let it take the next numbers too.
        log.debug(
            "Another registry instance took id {} or version {} of {} first (attempt {})",
            id,
            version,
            subject,
            attempt);
      }
    }
    throw RegistryException.storeError(
        "could not register under "
            + subject
            + " in "
            + MAX_ATTEMPTS
            + " attempts: other registry instances kept registering first");
  }

  /** The subject's version that is this schema. */
  SubjectVersion lookup(String subject, String schemaText) {
    ParsedSchema candidate = ParsedSchema.parse(schemaText);
    List<SubjectVersion> live = liveVersionsOrThrow(subject);
    return find(live, candidate).orElseThrow(RegistryException::schemaNotFound);
  }

  List<String> subjects(boolean includeDeleted) {
    return state.subjects(includeDeleted);
  }

  List<Integer> versions(String subject) {
    return liveVersionsOrThrow(subject).stream().map(SubjectVersion::version).toList();
  }

  /** A version of the subject: a number, or {@link #LATEST}. */
  SubjectVersion version(String subject, int version) {
    List<SubjectVersion> live = liveVersionsOrThrow(subject);
    if (version == LATEST) {
      return live.get(live.size() - 1);
    }
    return live.stream()
        .filter(candidate -> candidate.version() == version)
        .findFirst()
        .orElseThrow(() -> RegistryException.versionNotFound(version));
  }

  ParsedSchema schema(int id) {
    return state.schema(id).orElseThrow(() -> RegistryException.schemaNotFound(String.valueOf(id)));
  }

  /** The subjects and versions that use the schema with this id, deleted ones left out. */
  List<SubjectVersion> usesOf(int id) {
    schema(id);
    return state.liveUsesOf(id);
  }

  /** Soft delete: the versions stop being served under the subject, their ids stay resolvable. */
  List<Integer> deleteSubject(String subject) {
    synchronized (proposals) {
      List<SubjectVersion> live = liveVersionsOrThrow(subject);
      Outcome outcome =
          store.append(LogRecord.deletion(subject, live.get(live.size() - 1).version()));
      if (outcome.deletedVersions().isEmpty()) {
        throw RegistryException.subjectNotFound(subject); // another instance deleted it first
      }
      return outcome.deletedVersions();
    }
  }

  /**
   * Why the schema could not become the subject's next version ({@link #LATEST}), or could not
   * follow the given version; empty when it could. A subject without versions accepts anything.
   */
  List<String> incompatibilities(String subject, int version, String schemaText) {
    ParsedSchema candidate = ParsedSchema.parse(schemaText);
    CompatibilityLevel level = state.effectiveLevel(subject);
    if (version == LATEST) {
      return CompatibilityChecker.incompatibilities(
          level, candidate.schema(), state.liveVersions(subject));
    }
    return CompatibilityChecker.incompatibilities(
        level, candidate.schema(), List.of(version(subject, version)));
  }

  CompatibilityLevel globalLevel() {
    return state.globalLevel();
  }

  /** The subject's own level; without one, the global level or error 40408. */
  CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
    Optional<CompatibilityLevel> own = state.subjectLevel(subject);
    if (own.isPresent()) {
      return own.get();
    }
    if (defaultToGlobal) {
      return state.globalLevel();
    }
    throw RegistryException.subjectLevelNotConfigured(subject);
  }

  /** Sets the subject's level, or the global one when the subject is null. */
  void setLevel(String subject, CompatibilityLevel level) {
    synchronized (proposals) {
      store.append(LogRecord.compatibility(subject, level));
    }
  }

  /** Parses a version as Confluent does: a positive number, {@code latest} or {@code -1}. */
  static int parseVersion(String text) {
    if ("latest".equals(text)) {
      return LATEST;
    }
    try {
      int version = Integer.parseInt(text);
      if (version >= 1 || version == LATEST) {
        return version;
      }
    } catch (NumberFormatException e) {
      // falls through to the error Confluent gives
    }
    throw RegistryException.invalidVersion(text);
  }

  private List<SubjectVersion> liveVersionsOrThrow(String subject) {
    List<SubjectVersion> live = state.liveVersions(subject);
    if (live.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    return live;
  }

  private static Optional<SubjectVersion> find(List<SubjectVersion> live, ParsedSchema schema) {
    return live.stream().filter(version -> version.schema().sameAs(schema)).findFirst();
  }
}
