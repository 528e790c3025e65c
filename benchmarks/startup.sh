#!/usr/bin/env bash
# Start-up time of `mapl check`, the way before issue 16 and the ways now, side by side in one run:
# the variants take turns, so they share the machine's load. Prints a Markdown table of medians of
# whole-process wall time and CPU time (user + sys, /usr/bin/time), and each ratio to "before".
# The variants take turns in an order that rotates from round to round.
#
#   benchmarks/startup.sh [RUNS] [FILE]      (default 7 runs of examples/kvm-arm64/v6_17.mapl)
#
# before:        the launcher of commit 874bf44 (java -jar with the JVM's defaults)
# now:           ./mapl (C1, SerialGC, the class-data archive of this jar and Java; on the newest
#                Java 25+ in JAVA_HOME or /usr/lib/jvm, with its AOT cache, where there is one)
# now, no archive: MAPL_ARCHIVE=0 ./mapl
# now, default compile thresholds: ./mapl with -XX:CompileThresholdScaling=1 (the JVM's default)
# now, no huge pages: ./mapl with -XX:-UseTransparentHugePages (only where the launcher asks for them)
# now, Java 17:  MAPL_JAVA=$JAVA17 ./mapl (a dynamic CDS archive), when ./mapl picks a Java 25;
#                JAVA17 defaults to the java on PATH
# now, jar not upgraded: ./mapl on the jar given as SHADED_JAR (optional), e.g. a copy of
#                cli/target/mapl.jar made before the class-file upgrade (cli/pom.xml) existed
# before, its own jar: the launcher of commit 874bf44 on the jar given as BEFORE_JAR (optional),
#                cli/target/mapl.jar built from 874bf44: the command as it was when issue 16 was filed
# base jar, base jar on Java 17: ./mapl on the jar given as BASE_JAR (optional), e.g. a copy of
#                cli/target/mapl.jar built from main before a change: the same launcher, the old code
# Each variant runs once before the timed runs (which also makes the archives). KEEP=DIR keeps the
# raw times (one file per row of the table, numbered from 0: wall, user, sys per run).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-7}"
file="${2:-examples/kvm-arm64/v6_17.mapl}"
java17="${JAVA17:-$(command -v java)}"
cd "$repo"
[ -x /usr/bin/time ] || { echo "startup.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

tmp="$(mktemp -d)"
trap '[ -n "${KEEP:-}" ] && cp -r "$tmp" "$KEEP"; rm -rf "$tmp"' EXIT
git show 874bf44:mapl | sed "s|^root=.*|root='$repo'|" >"$tmp/mapl-before"
chmod +x "$tmp/mapl-before"

names=("before" "now" "now, no archive" "now, default compile thresholds")
cmds=("$tmp/mapl-before" "./mapl" "env MAPL_ARCHIVE=0 ./mapl" "env MAPL_JAVA_OPTS=-XX:CompileThresholdScaling=1 ./mapl")
if grep -qE '\[(always|madvise)\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
	names+=("now, no huge pages")
	cmds+=("env MAPL_JAVA_OPTS=-XX:-UseTransparentHugePages ./mapl")
fi
# which java ./mapl runs (its own choice), from the JVM's settings
launcher_java() { MAPL_ARCHIVE=0 MAPL_JAVA_OPTS=-XshowSettings:properties "$@" --version 2>&1 | sed -n 's/^ *java.version = //p'; }
picked="$(launcher_java ./mapl)"
if [ "${picked%%.*}" -ge 25 ] 2>/dev/null; then
	names+=("now, Java 17")
	cmds+=("env MAPL_JAVA=$java17 ./mapl")
fi

# A copy of the launcher for another jar in a folder of its own, so its archive does not replace
# this jar's; prints its path.
launcher_for() {
	local dir="$tmp/$1"
	mkdir -p "$dir/cli/target" "$dir/generator" "$dir/dsl" "$dir/examples"
	cp mapl "$dir/mapl"
	cp -r examples/kvm-arm64 "$dir/examples/"
	touch -d @0 "$dir/pom.xml"
	cp "$2" "$dir/cli/target/mapl.jar"
	echo "$dir/mapl"
}

# 874bf44 as it was when issue 16 was filed: its launcher on its own jar (the "before" row runs that
# launcher on this checkout's jar, so it gains from every change to the code since).
if [ -n "${BEFORE_JAR:-}" ]; then
	dir="$tmp/as-filed"
	mkdir -p "$dir/cli/target" "$dir/generator" "$dir/dsl" "$dir/cli"
	git show 874bf44:mapl >"$dir/mapl"
	chmod +x "$dir/mapl"
	touch -d @0 "$dir/pom.xml"
	cp "$BEFORE_JAR" "$dir/cli/target/mapl.jar"
	names+=("before, its own jar (874bf44)")
	cmds+=("$dir/mapl")
fi

if [ -n "${SHADED_JAR:-}" ]; then
	names+=("now, jar not upgraded")
	cmds+=("$(launcher_for plain "$SHADED_JAR")")
fi

if [ -n "${BASE_JAR:-}" ]; then
	base="$(launcher_for base "$BASE_JAR")"
	names+=("base jar")
	cmds+=("$base")
	if [ "${picked%%.*}" -ge 25 ] 2>/dev/null; then
		names+=("base jar, Java 17")
		cmds+=("env MAPL_JAVA=$java17 $base")
	fi
fi

./mapl --version >/dev/null # builds the jar when needed
expected=""
for i in "${!cmds[@]}"; do
	# shellcheck disable=SC2086 # the command is words without spaces
	out="$(${cmds[$i]} check "$file" 2>&1 | grep -v '^mapl: preparing' || true)"
	if [ -z "$expected" ]; then
		expected="$out"
	elif [ "$out" != "$expected" ]; then
		echo "startup.sh: '${names[$i]}' printed something else:" >&2
		diff <(echo "$expected") <(echo "$out") >&2 || true
		exit 1
	fi
done

# Each round starts one variant later: a run right after "before" (2.7 s of CPU, a JVM with the default
# collector and heap) is slower than one after a light run, on this machine by up to a tenth, so no
# variant may always take that place.
n="${#cmds[@]}"
for ((r = 0; r < runs; r++)); do
	for ((k = 0; k < n; k++)); do
		i=$(((r + k) % n))
		# shellcheck disable=SC2086
		/usr/bin/time -f '%e %U %S' -a -o "$tmp/$i" ${cmds[$i]} check "$file" >/dev/null 2>&1 || true
	done
done

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); $(uptime | sed 's/^ *//')"
echo "java: ./mapl runs Java $picked; Java 17: $("$java17" -version 2>&1 | head -1)"
echo "\`mapl check $file\`, median of $runs runs, whole process:"
echo
echo "| variant | wall (s) | ratio | CPU user+sys (s) | ratio |"
echo "|---|---:|---:|---:|---:|"
base_wall="" base_cpu=""
for i in "${!cmds[@]}"; do
	wall="$(awk '{ print $1 }' "$tmp/$i" | median)"
	cpu="$(awk '{ print $2 + $3 }' "$tmp/$i" | median)"
	[ -n "$base_wall" ] || { base_wall="$wall"; base_cpu="$cpu"; }
	printf '| %s | %.2f | %.2f | %.2f | %.2f |\n' "${names[$i]}" "$wall" "$(echo "$wall / $base_wall" | bc -l)" \
		"$cpu" "$(echo "$cpu / $base_cpu" | bc -l)"
done
