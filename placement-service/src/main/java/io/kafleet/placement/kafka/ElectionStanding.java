package io.kafleet.placement.kafka;

/**
 * Where an instance stands in the election of the one writing instance.
 *
 * @param leaderKnown the election has an outcome this instance took part in: it leads, or stands by
 *     for another instance that does
 * @param leading this instance was elected
 * @param termLoaded this instance's term has read the topics it rebuilds the fleet from and serves
 *     the fleet's API
 */
public record ElectionStanding(boolean leaderKnown, boolean leading, boolean termLoaded) {}
