package io.kafleet.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry as materialized from its log, in log order. Every instance that reads the same log
 * applies the same rules and so ends in the same state: when two records conflict, the first in the
 * log wins and the later one changes nothing.
 */
final class RegistryState {

  private static final Logger log = LoggerFactory.getLogger(RegistryState.class);

  private final Map<Integer, ParsedSchema> schemasById = new HashMap<>();
  private final Map<String, Integer> idsByCanonical = new HashMap<>();
  private final Map<String, NavigableMap<Integer, VersionEntry>> versionsBySubject =
      new TreeMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
  private int highestId;

  private record VersionEntry(int id, boolean deleted) {}

  synchronized Outcome apply(LogRecord record) {
    if (record instanceof LogRecord.SchemaRegistered registered) {
      return register(registered);
    }
    if (record instanceof LogRecord.SubjectDeleted deleted) {
      return delete(deleted);
    }
    if (record instanceof LogRecord.CompatibilitySet config) {
      return configure(config);
    }
    throw new IllegalArgumentException("unknown log record " + record);
  }

  private Outcome register(LogRecord.SchemaRegistered record) {
    ParsedSchema schema;
    try {
      schema = ParsedSchema.parse(record.schema());
    } catch (RegistryException e) {
      log.warn("Ignoring a registration of an invalid schema in the log: {}", e.getMessage());
      return Outcome.REJECTED;
    }
    if (record.id() < 1 || record.version() < 1) {
      return Outcome.REJECTED;
    }
    ParsedSchema holder = schemasById.get(record.id());
    if (holder != null && !holder.sameAs(schema)) {
      return Outcome.REJECTED; // the id went to another schema first
    }
    Integer knownId = idsByCanonical.get(schema.canonical());
    if (knownId != null && knownId != record.id()) {
      return Outcome.REJECTED; // one schema, one id
    }
    NavigableMap<Integer, VersionEntry> versions =
        versionsBySubject.getOrDefault(record.subject(), new TreeMap<>());
    VersionEntry taken = versions.get(record.version());
    if (taken != null) {
      // The same registration proposed twice (two instances, same request) is one fact.
      return taken.id() == record.id() ? Outcome.ACCEPTED : Outcome.REJECTED;
    }
    boolean alreadyLive =
        versions.values().stream().anyMatch(entry -> !entry.deleted() && entry.id() == record.id());
    if (alreadyLive) {
      return Outcome.REJECTED; // the subject has this schema already, under another version
    }
    schemasById.put(record.id(), schema);
    idsByCanonical.put(schema.canonical(), record.id());
    versions.put(record.version(), new VersionEntry(record.id(), false));
    versionsBySubject.put(record.subject(), versions);
    highestId = Math.max(highestId, record.id());
    return Outcome.ACCEPTED;
  }

  private Outcome delete(LogRecord.SubjectDeleted record) {
    NavigableMap<Integer, VersionEntry> versions = versionsBySubject.get(record.subject());
    if (versions == null) {
      return Outcome.deleted(List.of());
    }
    List<Integer> deleted = new ArrayList<>();
    for (Map.Entry<Integer, VersionEntry> entry :
        versions.headMap(record.upToVersion(), true).entrySet()) {
      if (!entry.getValue().deleted()) {
        entry.setValue(new VersionEntry(entry.getValue().id(), true));
        deleted.add(entry.getKey());
      }
    }
    return Outcome.deleted(deleted);
  }

  private Outcome configure(LogRecord.CompatibilitySet record) {
    CompatibilityLevel level;
    try {
      level = CompatibilityLevel.parse(record.compatibilityLevel());
    } catch (RegistryException e) {
      log.warn("Ignoring an unknown compatibility level in the log: {}", e.getMessage());
      return Outcome.REJECTED;
    }
    if (record.subject() == null) {
      globalLevel = level;
    } else {
      subjectLevels.put(record.subject(), level);
    }
    return Outcome.ACCEPTED;
  }

  synchronized Optional<ParsedSchema> schema(int id) {
    return Optional.ofNullable(schemasById.get(id));
  }

  synchronized Optional<Integer> idOf(ParsedSchema schema) {
    return Optional.ofNullable(idsByCanonical.get(schema.canonical()));
  }

  /** The id a new schema gets: ids are never reused, not even those of deleted subjects. */
  synchronized int nextId() {
    return highestId + 1;
  }

  /** The versions not deleted, oldest first. */
  synchronized List<SubjectVersion> liveVersions(String subject) {
    List<SubjectVersion> live = new ArrayList<>();
    versionsBySubject
        .getOrDefault(subject, new TreeMap<>())
        .forEach(
            (version, entry) -> {
              if (!entry.deleted()) {
                live.add(
                    new SubjectVersion(subject, version, entry.id(), schemasById.get(entry.id())));
              }
            });
    return live;
  }

  /** The highest version ever registered, deleted or not: version numbers are never reused. */
  synchronized int highestVersion(String subject) {
    NavigableMap<Integer, VersionEntry> versions = versionsBySubject.get(subject);
    return versions == null || versions.isEmpty() ? 0 : versions.lastKey();
  }

  synchronized List<String> subjects(boolean includeDeleted) {
    List<String> subjects = new ArrayList<>();
    versionsBySubject.forEach(
        (subject, versions) -> {
          if (includeDeleted || versions.values().stream().anyMatch(entry -> !entry.deleted())) {
            subjects.add(subject);
          }
        });
    return subjects;
  }

  /** The live subject versions that use the schema with this id. */
  synchronized List<SubjectVersion> liveUsesOf(int id) {
    List<SubjectVersion> uses = new ArrayList<>();
    versionsBySubject.forEach(
        (subject, versions) ->
            versions.forEach(
                (version, entry) -> {
                  if (entry.id() == id && !entry.deleted()) {
                    uses.add(new SubjectVersion(subject, version, id, schemasById.get(id)));
                  }
                }));
    return uses;
  }

  synchronized CompatibilityLevel globalLevel() {
    return globalLevel;
  }

  synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  /** The subject's own level if it has one, the global one otherwise. */
  synchronized CompatibilityLevel effectiveLevel(String subject) {
    return subjectLevels.getOrDefault(subject, globalLevel);
  }
}
