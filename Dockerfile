# syntax=docker/dockerfile:1.7
# The Surge app image: built with the project's Maven wrapper, run on the Temurin 25 JRE as a non-root user with the
# OpenTelemetry javaagent baked in (version pinned; the same one stage/pom.xml gives the native stage) and JVM flags
# for a 1 CPU / 512 MB container (stage/jvm.options, shared with the native stage; budget in docs/stage.md).

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
# warm the dependency cache in its own layer; the package step below fetches anything this misses
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline || true
COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package \
 && cp "$(ls target/surge-*.jar | grep -v '\.original$')" app.jar \
 && java -Djarmode=tools -jar app.jar extract --layers --destination extracted
ARG OTEL_AGENT_VERSION=2.33.1
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:copy \
      -Dartifact=io.opentelemetry.javaagent:opentelemetry-javaagent:${OTEL_AGENT_VERSION} \
      -DoutputDirectory=/otel -Dmdep.stripVersion=true

FROM eclipse-temurin:25-jre
# curl for the health checks (compose and HEALTHCHECK below)
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 surge \
 && useradd --system --uid 10001 --gid surge --home-dir /app --shell /usr/sbin/nologin surge
WORKDIR /app
COPY --from=build /otel/opentelemetry-javaagent.jar otel/opentelemetry-javaagent.jar
COPY stage/jvm.options jvm.options
# Layers from least to most often changed, so a code change ships only the last one.
COPY --from=build /src/extracted/dependencies/ ./
COPY --from=build /src/extracted/spring-boot-loader/ ./
COPY --from=build /src/extracted/snapshot-dependencies/ ./
COPY --from=build /src/extracted/application/ ./
USER 10001:10001
ENV SERVER_PORT=8080 \
    MALLOC_ARENA_MAX=2 \
    OTEL_SERVICE_NAME=surge \
    OTEL_TRACES_EXPORTER=none \
    OTEL_METRICS_EXPORTER=none \
    OTEL_LOGS_EXPORTER=none
EXPOSE 8080 9080
HEALTHCHECK --interval=5s --timeout=3s --start-period=90s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8080/healthz || exit 1
# JAVA_TOOL_OPTIONS (read by the JVM itself) adds or overrides flags without rebuilding.
ENTRYPOINT ["java", "@/app/jvm.options", "-javaagent:/app/otel/opentelemetry-javaagent.jar", "-jar", "/app/app.jar"]
