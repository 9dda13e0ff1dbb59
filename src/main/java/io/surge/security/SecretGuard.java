package io.surge.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Refuses to start a {@code stage} or {@code prod} instance whose secrets are placeholders from the repository or
 * weak ({@link SecretPolicy}), with one log line naming each offending variable (never its value). Runs as a bean
 * factory post-processor, i.e. before any bean (data source, Kafka, the signing key) is created. Database and Redis
 * passwords may be empty (a local socket-trust setup like the native stage) but, when set, follow the same rules.
 */
final class SecretGuard implements BeanFactoryPostProcessor, EnvironmentAware {

    private static final Logger log = LoggerFactory.getLogger(SecretGuard.class);
    static final Set<String> STRICT_PROFILES = Set.of("stage", "prod");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        String profile = Arrays.stream(environment.getActiveProfiles())
                .filter(STRICT_PROFILES::contains)
                .findFirst()
                .orElse(null);
        if (profile == null) {
            return;
        }
        List<String> problems = problems(environment);
        if (!problems.isEmpty()) {
            String message = "Refusing to start with profile '" + profile + "': " + String.join("; ", problems);
            log.error(message);
            throw new IllegalStateException(message);
        }
    }

    static List<String> problems(Environment environment) {
        List<String> problems = new ArrayList<>();
        check(problems, environment, "surge.security.jwt-secret", SecretPolicy.JWT_SECRET, true);
        check(problems, environment, "surge.member.admin-password", rule("SURGE_ADMIN_PASSWORD"), false);
        check(problems, environment, "spring.datasource.password", rule("SPRING_DATASOURCE_PASSWORD"), false);
        check(problems, environment, "spring.data.redis.password", rule("SPRING_DATA_REDIS_PASSWORD"), false);
        return problems;
    }

    private static SecretPolicy.Rule rule(String variable) {
        return SecretPolicy.PASSWORD.named(variable);
    }

    private static void check(
            List<String> problems, Environment environment, String property, SecretPolicy.Rule rule, boolean required) {
        String value = environment.getProperty(property);
        if (value == null || value.isEmpty()) {
            if (required) {
                problems.add(rule.variable() + " must be set");
            }
            return;
        }
        String problem = SecretPolicy.problem(rule, value);
        if (problem != null) {
            problems.add(problem);
        }
    }
}
