#!/usr/bin/env bash
# Kafka's own command-line tools against the local broker (installed by `stack.sh install`).
#
#   deploy/local/kafka-tools.sh topics                 list the topics
#   deploy/local/kafka-tools.sh describe <topic>       partitions, leader, replicas, configs
#   deploy/local/kafka-tools.sh read <topic> [N]       the first N messages (default 10) with
#                                                      time and key, then stop
#   deploy/local/kafka-tools.sh groups                 list the consumer groups
#   deploy/local/kafka-tools.sh lag <group>            per partition: committed offset, end
#                                                      offset and lag of a consumer group
#   deploy/local/kafka-tools.sh kafka-topics|kafka-console-consumer|kafka-consumer-groups ARGS...
#                                                      the tool itself, any of its options
#
# KAFKA_BOOTSTRAP (default 127.0.0.1:$KAFKA_PORT) names another broker. Topic names are as
# declared in contracts/src/contracts/topics.py, after GOV_TOPIC_PREFIX if one is set.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib/common.sh"
source "$HERE/lib/kafka.sh"

BOOTSTRAP="${KAFKA_BOOTSTRAP:-127.0.0.1:$KAFKA_PORT}"

tool() {  # tool NAME ARGS...: run one of Kafka's tools by its script name
  local class
  case "$1" in
    kafka-topics) class=org.apache.kafka.tools.TopicCommand ;;
    kafka-console-consumer) class=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
    kafka-consumer-groups) class=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand ;;
    *) die "unknown tool '$1' (choose from: kafka-topics kafka-console-consumer kafka-consumer-groups)" ;;
  esac
  shift
  [[ -f "$KAFKA_TOOLS_LIBS/.complete-$KAFKA_TOOLS_VERSION" ]] \
    || die "Kafka's tools are not installed: run 'deploy/local/stack.sh install kafka'"
  need_java
  exec java -Xmx256m -Dlog4j2.configurationFile="$DEPLOY/kafka/tools-log4j2.properties" \
    -cp "$KAFKA_TOOLS_LIBS/*" "$class" --bootstrap-server "$BOOTSTRAP" "$@"
}

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; }

needs() {  # needs COUNT ARGS...: the command's arguments are there
  local count="$1"
  shift
  (($# >= count)) || { usage >&2; die "missing argument"; }
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    topics) tool kafka-topics --list ;;
    describe) needs 1 "$@"; tool kafka-topics --describe --topic "$1" ;;
    read)
      needs 1 "$@"
      # Stops after N messages, or after 10 s without one (fewer than N on the topic).
      tool kafka-console-consumer --topic "$1" --from-beginning --max-messages "${2:-10}" \
        --timeout-ms 10000 --formatter-property print.timestamp=true \
        --formatter-property print.key=true --formatter-property key.separator=' | '
      ;;
    groups) tool kafka-consumer-groups --list ;;
    lag) needs 1 "$@"; tool kafka-consumer-groups --describe --group "$1" ;;
    kafka-topics | kafka-console-consumer | kafka-consumer-groups) tool "$cmd" "$@" ;;
    -h | --help | help | "") usage ;;
    *) usage >&2; die "unknown command '$cmd'" ;;
  esac
}

main "$@"
