#!/usr/bin/env bash
# Profiles benchmarks with async-profiler (CPU samples, from Maven Central) and summarizes where
# the CPU went, per benchmark configuration.
#
#   benchmarks/profile.sh <benchmark regex> [JMH arguments...]
#
# e.g. `benchmarks/profile.sh Uncontended -p pool=poolkit,stormpot-vt`. One fork, 2 x 1 s warmup,
# 3 x 2 s measurement, a CPU sample every millisecond. Writes
#   benchmarks/results/profile-<date>.md     per configuration: throughput, the share of samples per
#                                            leaf frame and the kernel's share per caller
#   benchmarks/results/tmp/profile-<date>/   the collapsed stacks (async-profiler), JMH's output
# Linux only (async-profiler samples through perf events, or timers where those are not allowed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

[[ $# -ge 1 ]] || { echo "usage: $0 <benchmark regex> [JMH arguments...]" >&2; exit 2; }
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-x64 ;;
  Linux-aarch64) platform=linux-arm64 ;;
  *) echo "profile.sh runs on Linux (x86_64 or aarch64), not $(uname -s)-$(uname -m)" >&2; exit 2 ;;
esac

# shellcheck source=benchmarks/find-java.sh
source benchmarks/find-java.sh
java="$(find_java)"

./mvnw -B -q -pl benchmarks -am package -Dmaven.test.skip=true

profiler_version=4.6
profiler_dir=benchmarks/target/async-profiler-$profiler_version
if [[ ! -f "$profiler_dir/$platform/libasyncProfiler.so" ]]; then
  ./mvnw -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack -N \
    -Dartifact="tools.profiler:async-profiler:$profiler_version" \
    -DoutputDirectory="$profiler_dir" -Dmdep.unpack.includes="$platform/*"
fi

date="$(date +%Y-%m-%d)"
out="benchmarks/results/tmp/profile-$date"
md="benchmarks/results/profile-$date.md"
rm -rf "$out"
mkdir -p "$out"
load_before="$(uptime | sed 's/.*load average: //')"
echo "load average before: $load_before"
"$java" -jar benchmarks/target/benchmarks.jar -f 1 -wi 2 -w 1s -i 3 -r 2s \
  -prof "async:libPath=$PWD/$profiler_dir/$platform/libasyncProfiler.so;output=collapsed;event=cpu;interval=1000000;dir=$out" \
  "$@" 2>&1 | tee "$out/jmh.log" | grep -E '^(Benchmark|[A-Z][A-Za-z]+\.[a-zA-Z]+ )' | tee "$out/scores.txt"

{
  echo "# CPU profiles, $date"
  echo
  echo "\`benchmarks/profile.sh $*\` on $(nproc) cores, $("$java" -version 2>&1 | head -1), load average"
  echo "before: $load_before. async-profiler $profiler_version, CPU samples every 1 ms; JMH 1 fork, 2 x 1 s"
  echo "warmup, 3 x 2 s measurement, the profiler running (scores below are under profiling)."
  echo "A leaf is where the CPU was when sampled, give or take a few instructions: the cost of an"
  echo "atomic instruction often shows on the frame of the instruction after it."
  echo
  echo '```'
  cat "$out/scores.txt"
  echo '```'
  echo
  "$java" -cp benchmarks/target/benchmarks.jar dev.poolkit.benchmarks.report.ProfileSummary "$out"
} > "$md"
echo "wrote $md"
