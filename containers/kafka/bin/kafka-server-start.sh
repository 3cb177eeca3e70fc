#!/usr/bin/env bash
# Starts the broker (kafka.Kafka) with server.properties; logs with the broker's log4j file.
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G}"
export KAFKA_LOG4J_OPTS="${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=/opt/kafka/config/log4j2.yaml}"
exec kafka-run-class.sh kafka.Kafka "$@"
