package io.surge.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * One application module (the test class's package) with the modules it depends on, transitively, and nothing else,
 * against the run's real MySQL and Redis ({@link TestInfrastructure}). {@code persistence} is added because every
 * module's tables come from its migrations. The {@code module-slice} profile keeps the slice off the shared Kafka
 * broker: listeners stay stopped, nothing is externalized, no outbox is resubmitted.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES, extraIncludes = "persistence")
@Import(TestInfrastructure.class)
@ContextConfiguration(initializers = TestServicesInitializer.class)
@ActiveProfiles({"test", "module-slice"})
public @interface ModuleSliceTest {}
