# syntax=docker/dockerfile:1.7
# The Surge app image: built with the project's Maven wrapper, run on the Temurin 25 JRE as a non-root user with the
# OpenTelemetry javaagent baked in (version pinned; the same one stage/pom.xml gives the native stage) and JVM flags
# for a 1 CPU / 512 MB container (stage/jvm.options, shared with the native stage; budget in docs/stage.md), and the
# JDK AOT cache of a training run (stage/aot-cache) for a fast start and warm-up.

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
# Kafka for the AOT training run below (the versions the native stage pins)
COPY stage/pom.xml stage/pom.xml
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -f stage/pom.xml -Dstage.lib=/stagelib package

# JDK AOT cache (JEP 483/514/515, docs/performance.md): a training run of exactly the /app tree of the image below
# (same base image, same files, same mtimes: the JVM refuses a cache made for another classpath or JDK), against a
# MariaDB, Redis and single Kafka broker that live only in this build stage. stage/aot-cache drives the hot paths.
FROM eclipse-temurin:25-jre AS aot-training
RUN apt-get update && apt-get install -y --no-install-recommends curl mariadb-server redis-server wrk python3 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/extracted/dependencies/ ./
COPY --from=build /src/extracted/spring-boot-loader/ ./
COPY --from=build /src/extracted/snapshot-dependencies/ ./
COPY --from=build /src/extracted/application/ ./
COPY --from=build /stagelib/kafka/ /opt/kafka/
COPY stage/aot-cache stage/app.env stage/jvm.options /src/stage/
COPY stage/kafka/ /src/stage/kafka/
COPY load/mint_tokens.py load/per-core.lua /src/load/
RUN <<'EOF'
set -eu
mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
mysqld_safe --user=mysql --bind-address=127.0.0.1 >/tmp/mysqld.log 2>&1 &
redis-server --daemonize yes --bind 127.0.0.1
mkdir -p /tmp/kafka
cat >/tmp/kafka/server.properties <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:9093
listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=/tmp/kafka/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
log.cleaner.dedupe.buffer.size=16777216
PROPS
kafka() { java -Xmx128m -Dlog4j2.configurationFile=/src/stage/kafka/log4j2.properties -cp '/opt/kafka/*' "$@"; }
kafka kafka.tools.StorageTool format -t "$(kafka kafka.tools.StorageTool random-uuid | tail -1)" -c /tmp/kafka/server.properties
kafka kafka.Kafka /tmp/kafka/server.properties >/tmp/kafka/kafka.log 2>&1 &
for i in $(seq 120); do mysqladmin -uroot status >/dev/null 2>&1 && grep -q 'Kafka Server started' /tmp/kafka/kafka.log && break; sleep 1; done
# root only logs in by socket here; the app connects over TCP with a user of this build stage
mysql -uroot -e "CREATE USER 'training'@'%' IDENTIFIED BY 'training'; GRANT ALL ON *.* TO 'training'@'%';
  CREATE USER 'training'@'localhost' IDENTIFIED BY 'training'; GRANT ALL ON *.* TO 'training'@'localhost'"
export SPRING_DATASOURCE_URL=jdbc:mysql://127.0.0.1:3306/surge SPRING_DATASOURCE_USERNAME=training SPRING_DATASOURCE_PASSWORD=training \
  SPRING_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 SURGE_KAFKA_REPLICATION_FACTOR=1 SURGE_KAFKA_MIN_INSYNC_REPLICAS=1 \
  SURGE_JWT_SECRET="$(head -c 48 /dev/urandom | base64 -w0)" SURGE_ADMIN_EMAIL=admin@aot.surge.test \
  SURGE_ADMIN_PASSWORD="$(head -c 18 /dev/urandom | base64 -w0)"
AOT_EXTRACTED=1 /src/stage/aot-cache /app/app.jar /aot
EOF

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
# The AOT cache of this exact /app tree and JDK. Opt-in until an instance's peak RSS fits with it (it cuts start-up
# CPU by a third but adds ~25 MB at peak: docs/performance.md): run with -e JDK_JAVA_OPTIONS=-XX:AOTCache=/app/aot/app.aot
COPY --from=aot-training /aot/app.aot aot/app.aot
# JAVA_TOOL_OPTIONS (read by the JVM itself) adds or overrides flags without rebuilding.
ENTRYPOINT ["java", "@/app/jvm.options", "-javaagent:/app/otel/opentelemetry-javaagent.jar", "-jar", "/app/app.jar"]
