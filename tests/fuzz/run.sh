#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make fuzz`: each target for SECONDS on BUILD/fuzz/corpus/TARGET, a copy
# of tests/fuzz/corpus/TARGET that keeps what earlier runs found (the
# committed corpus is never written). Prints libFuzzer's final stats line
# per target; a crash is saved in BUILD/fuzz/artifacts/ and fails the run.
#
# Usage: run.sh BUILD_DIR SECONDS TARGET...
set -uo pipefail

build=$1
secs=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
status=0

for t in "$@"; do
	corpus=$build/fuzz/corpus/$t
	log=$build/fuzz/$t.log
	mkdir -p "$corpus" "$build/fuzz/artifacts"
	cp -n "$here/corpus/$t"/* "$corpus/"
	echo "fuzz: $t for ${secs}s ($(ls "$corpus" | wc -l) inputs in $corpus)"
	"$build/host/fuzz/fuzz-$t" -max_total_time="$secs" -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$build/fuzz/artifacts/$t-" "$corpus" > "$log" 2>&1
	rc=$?
	done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 | tr -s ' \t' ' ')
	if [ "$rc" -eq 0 ] && [ -n "$done_line" ]; then
		printf '%-8s %s\n' "$t" "$done_line"
	else
		status=1
		printf '%-8s FAILED (exit %d): %s\n' "$t" "$rc" \
			"$(grep -m1 -E "invariant|ERROR|runtime error" "$log")"
		grep -E '^artifact_prefix|Test unit written' "$log"
		echo "         log: $log; rerun an artifact: $build/host/fuzz/fuzz-$t FILE"
	fi
done
exit $status
