package io.kafleet.placement.core;

import io.kafleet.placement.overrides.OverridePolicy;
import io.kafleet.placement.scheduling.MemberState;
import io.kafleet.placement.scheduling.Placement;
import io.kafleet.placement.scheduling.PlacementPolicy;
import io.kafleet.placement.works.DesiredWorks;
import io.kafleet.placement.works.DesiredWorks.Follow;
import io.kafleet.placement.works.DesiredWorks.Plan;
import io.kafleet.placement.works.DesiredWorks.Template;
import io.kafleet.schemas.ObjectKey;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders one template's works ({@link DesiredWorks#plan}): the costly step the model's indexes
 * keep to what a change can affect. A seam, so that tests can count the renders.
 */
@FunctionalInterface
public interface TemplateRenderer {

  TemplateRenderer DESIRED_WORKS = DesiredWorks::plan;

  Plan plan(
      Template template,
      Placement own,
      List<Follow> follows,
      Function<ObjectKey, PlacementPolicy> policies,
      Collection<OverridePolicy> overrides,
      Map<String, MemberState> members);
}
