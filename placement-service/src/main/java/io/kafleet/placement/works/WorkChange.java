package io.kafleet.placement.works;

/** One record to write to an execution space: a work, or a tombstone that removes one. */
public sealed interface WorkChange {

  WorkId id();

  record Put(RenderedWork work) implements WorkChange {
    @Override
    public WorkId id() {
      return new WorkId(work.cluster(), work.key());
    }
  }

  record Remove(WorkId id) implements WorkChange {}
}
