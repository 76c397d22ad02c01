#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make check`: every test stage in turn, each ending with its own
# "STAGE: N passed, N failed" line; then the total as "N passed, N failed".
# A stage that dies without its summary line counts as one failure.
#
# Usage: check.sh BUILD_DIR   (CHECK_STAGES="unit e2e" runs a subset)
#
# CHECK_SLOWDOWN=N (default 1): this machine runs code about N times slower
# than the hardware the time limits were sized on, e.g. the emulated arm64
# host of scripts/arm64-host-check.sh. The Check tests' per-test limits
# (CK_TIMEOUT_MULTIPLIER) and qemu-gic's limits grow N times; the stress does
# 1/N of its work, so its 120 s watchdog still catches a deadlock. The e2e
# limits stay: they are sized for a KVM host that is itself emulated.
set -uo pipefail

build=$1
here=$(cd "$(dirname "$0")" && pwd)
stages=${CHECK_STAGES:-unit stress tsan fuzz cli qemu-gic e2e shell console plot}
total_pass=0 total_fail=0
summary=()

slow=${CHECK_SLOWDOWN:-1}
case $slow in
''|*[!0-9]*|0*) echo "check: CHECK_SLOWDOWN must be a positive integer, not '$slow'"; exit 2 ;;
esac
stress_args=()
if [ "$slow" -gt 1 ]; then
	export CK_TIMEOUT_MULTIPLIER=${CK_TIMEOUT_MULTIPLIER:-$slow} CHECK_SLOWDOWN=$slow
	stress_args=("$(awk "BEGIN { print 1 / $slow }")")
	echo "==== check: CHECK_SLOWDOWN=$slow: Check and qemu-gic time limits x$slow, stress at 1/$slow of its work"
fi

# The JSON trace the e2e test sgi-trace-2cpu printed between its markers
# (tests/e2e/lib.sh), for the plot stage; nothing when e2e did not run.
e2e_trace() {
	local log=$build/e2e-logs/sgi-trace-2cpu.log out=$build/plot-e2e-trace.json
	[ -f "$log" ] || { echo "==== plot: no e2e trace (the e2e stage did not run): fixtures only" >&2; return; }
	tr -d '\r' < "$log" | sed -n '/^==== trace json begin$/,/^==== trace json end$/p' | sed '1d;$d' > "$out"
	echo "$out"
}

run_stage() { # name command...
	local name=$1 out line p f t0=$SECONDS
	shift
	out=$build/check-$name.log
	echo "==== $name: $*"
	"$@" 2>&1 | tee "$out"
	local rc=${PIPESTATUS[0]}
	line=$(grep -E '^[a-z0-9-]+: [0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1)
	if [ -z "$line" ]; then
		p=0 f=1
		echo "==== $name: exited $rc without a summary line: counted as 1 failure"
	else
		p=$(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<< "$line")
		f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<< "$line")
		[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	summary+=("$(printf '%-9s %4d passed, %d failed  (%ds)' "$name" "$p" "$f" $((SECONDS - t0)))")
}

for s in $stages; do
	case $s in
	unit)     run_stage unit "$build/host/unit-tests" ;;
	stress)   run_stage stress "$build/host/vgic-stress" "${stress_args[@]}" ;;
	tsan)     run_stage tsan env TSAN_OPTIONS=halt_on_error=1 "$build/host/unit-tsan" ;;
	fuzz)     run_stage fuzz bash "$here/fuzz/smoke.sh" "$build" ;;
	cli)      run_stage cli bash "$here/cli/run.sh" "$build" ;;
	qemu-gic) run_stage qemu-gic bash "$here/qemu-gic.sh" "$build" ;;
	e2e)      run_stage e2e bash "$here/nested/run-tests.sh" "$build" "$here/e2e/tests.list" "${E2E_FILTER:-}" ;;
	shell)    run_stage shell python3 "$here/linux/drive-shell.py" "$build" ;;
	console)  run_stage console python3 "$here/nested/drive-escape.py" "$build" ;;
	plot)     run_stage plot bash "$here/plot/run.sh" "$build" $(e2e_trace) ;;
	*)        echo "check: unknown stage $s"; total_fail=$((total_fail + 1)) ;;
	esac
done

echo "==== summary"
printf '%s\n' "${summary[@]}"
[ "$slow" -eq 1 ] || echo "(CHECK_SLOWDOWN=$slow: Check and qemu-gic time limits x$slow, stress at 1/$slow)"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
