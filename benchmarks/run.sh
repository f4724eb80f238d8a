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

# The benchmarks need a JDK 21+ (virtual threads); the default `java` may be older. Maven finds
# one by itself (toolchains), the JMH run needs it spelled out.
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
find_java() {
  local candidates=()
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null && candidates+=("$(command -v java)")
  candidates+=(/usr/lib/jvm/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java)
  local best="" best_major=0 c major
  for c in "${candidates[@]}"; do
    [[ -x "$c" ]] || continue
    major="$(java_major "$c")"
    [[ "$major" =~ ^[0-9]+$ ]] || continue
    if (( major >= 21 && major > best_major )); then best="$c" best_major="$major"; fi
  done
  [[ -n "$best" ]] || { echo "no JDK 21 or newer found; set JAVA_HOME" >&2; return 1; }
  echo "$best"
}
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
