#!/usr/bin/env bash
# Runs Poolkit's benchmarks against its peers in one JMH run, then writes the report.
#
#   benchmarks/run.sh [quick|full] [JMH arguments...]
#
#   quick  1 fork, 2 x 1 s warmup, 3 x 1 s measurement: about 8 minutes on 2 cores (50 benchmark configurations)
#   full   3 forks, 5 x 2 s warmup, 5 x 2 s measurement: about an hour
#
# Extra arguments go to JMH, e.g. a benchmark regex (`benchmarks/run.sh quick Contended`) or
# `-p pool=poolkit,stormpot-vt`. Writes, under benchmarks/results/:
#   <mode>-<date>.json   the JMH results (with -prof gc and the MetricsProfiler's metrics)
#   <mode>-<date>.md     targets and tables of throughput with Poolkit/peer ratios
#   throughput.svg       the chart
#   tmp/<mode>-<date>.log  the JMH console output (not committed)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

mode="${1:-quick}"
[[ $# -gt 0 ]] && shift
case "$mode" in
  quick) jmh_opts=(-f 1 -wi 2 -w 1s -i 3 -r 1s) ;;
  full) jmh_opts=(-f 3 -wi 5 -w 2s -i 5 -r 2s) ;;
  *)
    echo "usage: $0 [quick|full] [JMH arguments...]" >&2
    exit 2
    ;;
esac

# shellcheck source=benchmarks/find-java.sh
source benchmarks/find-java.sh
java="$(find_java)"

# -Dmaven.test.skip: the benchmarks need the other modules' main code only.
./mvnw -B -q -pl benchmarks -am package -Dmaven.test.skip=true

date="$(date +%Y-%m-%d)"
mkdir -p benchmarks/results/tmp
json="benchmarks/results/${mode}-${date}.json"
log="benchmarks/results/tmp/${mode}-${date}.log"

load_before="$(uptime | sed 's/.*load average: //')"
echo "load average before: $load_before"
"$java" -jar benchmarks/target/benchmarks.jar "${jmh_opts[@]}" \
  -prof gc -prof dev.poolkit.benchmarks.support.MetricsProfiler \
  -rf json -rff "$json" "$@" 2>&1 | tee "$log"
load_after="$(uptime | sed 's/.*load average: //')"
echo "load average after: $load_after"

"$java" -cp benchmarks/target/benchmarks.jar dev.poolkit.benchmarks.report.Report \
  --json "$json" --mode "$mode" --jmh "${jmh_opts[*]} -prof gc" \
  --load-before "$load_before" --load-after "$load_after" \
  --svg benchmarks/results/throughput.svg
