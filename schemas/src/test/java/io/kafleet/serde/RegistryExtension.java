package io.kafleet.serde;

import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link RegistryFixture}: one embedded registry per test JVM on the shared broker,
 * closed by JUnit when the JVM's tests are done. Use together with {@link KafkaBrokerExtension}.
 */
final class RegistryExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RegistryExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RegistryFixture.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(
            RegistryFixture.class,
            key ->
                RegistryFixture.start(
                    KafkaBrokerExtension.broker(context), new TestTopics("schemas-registry.")),
            RegistryFixture.class);
  }
}
