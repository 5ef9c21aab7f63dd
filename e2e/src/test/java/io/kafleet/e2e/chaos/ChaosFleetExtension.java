package io.kafleet.e2e.chaos;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives the chaos scenarios the one {@link ChaosFleet} of this test JVM: started by the first class
 * that asks (about 40 s on two cores), closed when the engine finishes. Each scenario works in a
 * namespace of its own and leaves every process of the fleet running.
 */
final class ChaosFleetExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ChaosFleetExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ChaosFleet.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(ChaosFleet.class, type -> ChaosFleet.start(), ChaosFleet.class);
  }
}
