#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# tools/ipi-plot: each TRACE given (e.g. from minivmm --trace) and the
# committed fixture must give three PNGs with their titles and a latency
# table; the fixture's table must hold its known numbers; bad input must end
# in status 2, one "ipi-plot: " line on stderr and no PNG.
#
# The fixture (fixture.csv; fixture.json holds the same records as Chrome
# trace events, plus viewer-only objects the tool must skip): 2 vCPUs,
# 4 IPIs, times in µs from the first event:
#   SGI 1  0->1  pend 100   ack 110.25  eoi 113.25   send->ack 10.25, ack->eoi 3
#   SGI 1  1->0  pend 200   ack 220     eoi 224      20, 4  (the ack line comes first)
#   SGI 1  0->1  pend 300   ack 360.25  eoi 368.25   60.25, 8  (+1 coalesced send)
#   SGI 0  1->0  pend 400   ack 405     eoi(value 0) 406, dir 407   5, 2
# and an SGI 2 pended then cleared (never acked), an SGI 1 dropped, a timer
# PPI 27 acked and EOId (not an IPI) and a spurious IAR. So: SGI 1 medians
# 20 and 4, p99s 60.25 and 8; all SGIs: medians 15.125 and 3.5.
#
# Usage: run.sh BUILD_DIR [TRACE ...]   (IPI_PLOT=path tests another copy)
set -uo pipefail

build=${1:?usage: run.sh BUILD_DIR [TRACE ...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
tool=${IPI_PLOT:-$here/../../tools/ipi-plot}
tmp=$build/plot-tmp
rm -rf "$tmp" && mkdir -p "$tmp"
limit=$((300 * ${CHECK_SLOWDOWN:-1}))	# matplotlib's import is slow when emulated
passed=0 failed=0

pass() { passed=$((passed + 1)); echo "[plot] PASS $1"; }
fail() { failed=$((failed + 1)); echo "[plot] FAIL $1: $2"; }
check() { # name reason command...: pass if the command succeeds
	local name=$1 reason=$2
	shift 2
	if "$@"; then pass "$name"; else fail "$name" "$reason"; fi
}

# run NAME ARGS...: the tool's output in $tmp/NAME.out and .err, status in $rc.
run() {
	local name=$1
	shift
	timeout "$limit" "$tool" "$@" > "$tmp/$name.out" 2> "$tmp/$name.err" < /dev/null
	rc=$?
}

# The tEXt "Title" of a PNG, read chunk by chunk.
png_title() {
	python3 - "$1" <<'EOF'
import struct, sys
data = open(sys.argv[1], "rb").read()
i = 8
while i + 8 <= len(data):
    size, kind = struct.unpack(">I4s", data[i:i + 8])
    if kind == b"tEXt":
        key, _, text = data[i + 8:i + 8 + size].partition(b"\0")
        if key == b"Title":
            print(text.decode("latin-1"))
    i += 12 + size
EOF
}

png_ok() { # file title
	[ -s "$1" ] && [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] &&
		[ "$(png_title "$1")" = "$2" ]
}

# expect_ok NAME OUTDIR ARGS...: status 0, no traceback or warning, three
# PNGs with their titles.
expect_ok() {
	local name=$1 out=$2 f
	shift 2
	run "$name" -o "$out" "$@"
	if [ "$rc" -ne 0 ]; then
		fail "$name" "exit status $rc: $(head -c 300 "$tmp/$name.err")"
		return 1
	fi
	if grep -Eq 'Traceback|Warning|Error|findfont' "$tmp/$name.err"; then
		fail "$name" "stderr: $(head -c 300 "$tmp/$name.err")"
		return 1
	fi
	pass "$name"
	for f in "latency.png:IPI latency per SGI" "heatmap.png:IPIs per source and target" \
	         "timeline.png:vCPU timeline"; do
		check "$name: ${f%%:*}" "missing, empty, not a PNG or no Title '${f#*:}'" \
			png_ok "$out/${f%%:*}" "${f#*:}"
	done
}

# has NAME LINE: the output of run NAME holds LINE (runs of spaces squeezed).
has() {
	tr -s ' ' < "$tmp/$1.out" | grep -Fxq -- "$2"
}

# (a) The traces given on the command line.
n=0
for trace in "$@"; do
	n=$((n + 1))
	check "trace $n: parses, every SGI ack has its earlier send" \
		"$("$here/acks-have-sends" "$trace" 2>&1 | tail -n 1)" "$here/acks-have-sends" "$trace"
	if expect_ok "trace $n ($(basename "$trace"))" "$tmp/trace$n" "$trace"; then
		check "trace $n: a summary and three files written" "see $tmp/trace $n*.out" \
			test "$(grep -Ec '^ipi-plot: wrote .*\.png \(' "$tmp/trace $n ($(basename "$trace")).out")" -eq 3
	fi
done

# (b) The fixture, as CSV and as JSON: the same numbers.
fixture_wrote() { # name outdir
	has "$1" "ipi-plot: wrote $2/latency.png (3 SGIs, 4 IPIs)" &&
		has "$1" "ipi-plot: wrote $2/heatmap.png (2 vCPUs, 4 IPIs)" &&
		has "$1" "ipi-plot: wrote $2/timeline.png (window 0.000-0.800 ms, 4 IPIs)"
}
for fmt in csv json; do
	f=fixture.$fmt
	expect_ok "$f" "$tmp/$fmt" "$here/$f" || continue
	check "$f: 4 IPIs, 5 pended, 1 coalesced, 1 dropped, 1 cleared, 1 not acked" "$(head -n 1 "$tmp/$f.out")" \
		grep -Eq "^$f: 2 vCPUs, 0\.800 ms, 4 IPIs \(5 pended, 1 coalesced, 1 dropped, 1 cleared, 1 pended but not acked; 1 other interrupts acked, 1 spurious\)$" "$tmp/$f.out"
	check "$f: SGI 0 medians and p99s" "no ' 0 RESCHEDULE 1 5.000 5.000 2.000 2.000'" \
		has "$f" " 0 RESCHEDULE 1 5.000 5.000 2.000 2.000"
	check "$f: SGI 1 medians and p99s" "no ' 1 CALL_FUNC 3 20.000 60.250 4.000 8.000'" \
		has "$f" " 1 CALL_FUNC 3 20.000 60.250 4.000 8.000"
	check "$f: SGI 2 never acked" "no ' 2 CPU_STOP 0 - - - -'" \
		has "$f" " 2 CPU_STOP 0 - - - -"
	check "$f: all SGIs" "no ' all 4 15.125 60.250 3.500 8.000'" \
		has "$f" " all 4 15.125 60.250 3.500 8.000"
	check "$f: files written" "$(grep wrote "$tmp/$f.out" | tr '\n' ' ')" fixture_wrote "$f" "$tmp/$fmt"
done
check "CSV and JSON give the same table" "diff $tmp/fixture.csv.out $tmp/fixture.json.out" \
	cmp -s <(sed 's/^fixture\.csv:/F:/; /wrote/d' "$tmp/fixture.csv.out") \
	       <(sed 's/^fixture\.json:/F:/; /wrote/d' "$tmp/fixture.json.out")

# Both at once, with labels and a window (0.1-0.2 ms holds one ack each).
two_traces_ok() {
	grep -q '^csv: 2 vCPUs' "$tmp/two traces.out" && grep -q '^json: 2 vCPUs' "$tmp/two traces.out" &&
		has "two traces" "ipi-plot: wrote $tmp/two/latency.png (3 SGIs, 8 IPIs)" &&
		has "two traces" "ipi-plot: wrote $tmp/two/timeline.png (windows 0.100-0.200, 0.100-0.200 ms, 2 IPIs)"
}
if expect_ok "two traces" "$tmp/two" --label csv --label json --window 0.1:0.2 \
	"$here/fixture.csv" "$here/fixture.json"; then
	check "two traces: labels and totals" "$(tr '\n' ' ' < "$tmp/two traces.out" | head -c 300)" two_traces_ok
fi

# (c) Bad input: status 2, one line "ipi-plot: ...", nothing written.
# expect_bad NAME STDERR_REGEX ARGS...
expect_bad() {
	local name=$1 pattern=$2 out=$tmp/bad-out
	shift 2
	rm -rf "$out"
	run "$name" -o "$out" "$@"
	if [ "$rc" -ne 2 ]; then
		fail "$name" "exit status $rc, expected 2; stderr: $(head -c 300 "$tmp/$name.err")"
	elif [ "$(wc -l < "$tmp/$name.err")" -ne 1 ] || ! grep -Eq -- "^ipi-plot: .*$pattern" "$tmp/$name.err"; then
		fail "$name" "stderr is not one line 'ipi-plot: ...$pattern': $(head -c 300 "$tmp/$name.err")"
	elif [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
		fail "$name" "wrote $(ls -A "$out" | tr '\n' ' ')"
	else
		pass "$name"
	fi
}

bad=$tmp/bad
mkdir -p "$bad"
: > "$bad/empty.csv"
{ echo '# minivmm trace v1'; echo 'ts_ns,event,cpu,intid,value'; sed 1,2d "$here/fixture.csv"; } > "$bad/header.csv"
# The fixture without anything about SGIs: vCPU states and the timer only.
awk -F, 'NR <= 2 || !($2 ~ /^(sgir|pend|coalesced|clear|drop)$/ || ($2 ~ /^(ack|eoi|dir)$/ && $5 < 16))' \
	"$here/fixture.csv" > "$bad/no-sgis.csv"
python3 -c 'import json, sys
doc = json.load(open(sys.argv[1]))
doc["traceEvents"] = [e for e in doc["traceEvents"] if e.get("args", {}).get("intid", 99) >= 16]
json.dump(doc, open(sys.argv[2], "w"))' "$here/fixture.json" "$bad/no-sgis.json"
head -c 2000 "$here/fixture.json" > "$bad/truncated.json"
printf 'hello\n' > "$bad/text.txt"

expect_bad "missing file" "No such file" "$bad/nonexistent.csv"
expect_bad "empty file" "empty" "$bad/empty.csv"
expect_bad "wrong CSV header" "header" "$bad/header.csv"
expect_bad "no SGIs (CSV)" "no SGIs" "$bad/no-sgis.csv"
expect_bad "no SGIs (JSON)" "no SGIs" "$bad/no-sgis.json"
expect_bad "truncated JSON" "not valid JSON" "$bad/truncated.json"
expect_bad "not a trace" "not a minivmm trace" "$bad/text.txt"
expect_bad "a directory" "Is a directory" "$bad"
expect_bad "one bad trace of two" "no SGIs" "$here/fixture.csv" "$bad/no-sgis.csv"
expect_bad "bad --window" "window" --window 2:1 "$here/fixture.csv"
expect_bad "unknown option" "unrecognized" --frobnicate "$here/fixture.csv"

echo "plot: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
