package io.kafleet.placement.kafka;

import io.kafleet.placement.handlers.MembershipHandler;
import io.kafleet.placement.handlers.ShiftsHandler;
import io.kafleet.placement.handlers.SkipsHandler;
import io.kafleet.placement.handlers.StatusHandler;
import io.kafleet.placement.handlers.TemplatesHandler;

/** The handlers of the fleet, one per concern, while this instance leads. */
public record LeaderTerm(
    TemplatesHandler templates,
    ShiftsHandler shifts,
    MembershipHandler membership,
    StatusHandler statuses,
    SkipsHandler skips) {}
