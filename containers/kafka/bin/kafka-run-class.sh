#!/usr/bin/env bash
# Runs a class from the Kafka jars with the JVM options the official scripts honour:
# KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_GC_LOG_OPTS, KAFKA_JMX_OPTS, KAFKA_OPTS and
# KAFKA_LOG4J_OPTS (by default the tools' log4j file: warnings to stderr).
set -euo pipefail
if [ -z "${KAFKA_LOG4J_OPTS:-}" ]; then
  tools_log4j=/opt/kafka/config/tools-log4j2.yaml
  [ -f "$tools_log4j" ] || tools_log4j=/etc/kafka/docker/tools-log4j2.yaml
  KAFKA_LOG4J_OPTS="-Dlog4j2.configurationFile=$tools_log4j"
fi
# shellcheck disable=SC2086 # each *_OPTS holds several options
exec java ${KAFKA_HEAP_OPTS:-} \
  ${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExplicitGCInvokesConcurrent} \
  ${KAFKA_GC_LOG_OPTS:-} ${KAFKA_JMX_OPTS:-} $KAFKA_LOG4J_OPTS ${KAFKA_OPTS:-} \
  -cp "/opt/kafka/libs/*" "$@"
