#!/usr/bin/env bash
# Runs Poolkit's benchmarks against its peers in one JMH run, then writes the report.
#
#   benchmarks/run.sh [quick|full] [JMH arguments...]
#   benchmarks/run.sh blocking [forks] [BlockingBench arguments...]
#
#   quick     1 fork, 2 x 1 s warmup, 3 x 1 s measurement: about 8 minutes on 2 cores (50 benchmark configurations)
#   full      3 forks, 5 x 2 s warmup, 5 x 2 s measurement: about an hour
#   blocking  scenarios A-E (objects held across blocking calls, dev.poolkit.benchmarks.blocking.BlockingBench):
#             a JVM per pool per fork (default 3 forks), fork after fork: about 9 minutes. Writes
#             blocking-<date>.json and .md, blocking.svg, and tmp/blocking-<date>/ (one JSON per JVM).
#             Extra arguments go to each JVM, e.g. `--scenarios A,E`.
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
  blocking) ;;
  quick) jmh_opts=(-f 1 -wi 2 -w 1s -i 3 -r 1s) ;;
  full) jmh_opts=(-f 3 -wi 5 -w 2s -i 5 -r 2s) ;;
  *)
    echo "usage: $0 [quick|full] [JMH arguments...] | $0 blocking [forks] [BlockingBench arguments...]" >&2
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

if [[ "$mode" == blocking ]]; then
  forks=3
  if [[ $# -gt 0 && "$1" =~ ^[0-9]+$ ]]; then forks="$1"; shift; fi
  dir="benchmarks/results/tmp/blocking-${date}"
  rm -rf "$dir"
  mkdir -p "$dir"
  pools="$("$java" -cp benchmarks/target/benchmarks.jar dev.poolkit.benchmarks.blocking.BlockingPools)"
  load_before="$(uptime | sed 's/.*load average: //')"
  echo "load average before: $load_before"
  for fork in $(seq 1 "$forks"); do
    for pool in $pools; do
      # One JVM per pool and fork: no pool's threads, garbage or JIT profile reaches another's.
      "$java" -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar dev.poolkit.benchmarks.blocking.BlockingBench \
        --pools "$pool" --fork "$fork" --out "$dir/fork${fork}-${pool}.json" "$@" 2>&1 | tee -a "$dir/run.log"
    done
  done
  load_after="$(uptime | sed 's/.*load average: //')"
  echo "load average after: $load_after"
  "$java" -cp benchmarks/target/benchmarks.jar dev.poolkit.benchmarks.report.BlockingReport \
    --in "$dir" --json "benchmarks/results/blocking-${date}.json" --svg benchmarks/results/blocking.svg \
    --load-before "$load_before" --load-after "$load_after" --command "benchmarks/run.sh blocking $forks $*"
  exit 0
fi
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
