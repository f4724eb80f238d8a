# Sourced by the benchmark scripts: find_java prints the newest JDK 21+ java it can find.
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
