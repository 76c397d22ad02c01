#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The `fuzz` stage of `make check`: each target replays its committed
# corpus, then fuzzes for FUZZ_SMOKE_SECONDS (default 8) or 500000 runs,
# new inputs going to a scratch directory in BUILD. A target also fails if
# its committed seeds are not what tests/fuzz/seeds.c writes (run `make
# fuzz-seeds` after changing an encoding or a seed). One line per target,
# then "fuzz: N passed, N failed". Each run works in its own directory
# (kept only when something failed), so runs sharing BUILD do not collide.
#
# Usage: smoke.sh BUILD_DIR
set -uo pipefail

build=$1
secs=${FUZZ_SMOKE_SECONDS:-8}
here=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0

mkdir -p "$build/fuzz"
work=$(mktemp -d "$build/fuzz/smoke.XXXXXX") || exit 1
mkdir -p "$work/seeds"
"$build/host/fuzz/seeds" "$work/seeds" || { echo "fuzz: cannot run the seed generator"; exit 1; }

# The generated seeds of @t that differ from the committed ones.
stale_seeds() { # target
	local f
	for f in "$work/seeds/$1"/*; do
		cmp -s "$f" "$here/corpus/$1/$(basename "$f")" || printf ' %s' "$(basename "$f")"
	done
}

for t in vgic loader options pl011; do
	mkdir -p "$work/$t"
	log=$work/$t.log
	stale=$(stale_seeds "$t")
	"$build/host/fuzz/fuzz-$t" -max_total_time="$secs" -runs=500000 -timeout=10 \
		-print_final_stats=1 -artifact_prefix="$work/$t-" "$work/$t" "$here/corpus/$t" \
		> "$log" 2>&1
	rc=$?
	done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 | tr -s ' \t' ' ')
	if [ -n "$stale" ]; then
		fail=$((fail + 1))
		echo "FAIL $t: committed seeds differ from tests/fuzz/seeds.c's:$stale (make fuzz-seeds)"
	elif [ "$rc" -eq 0 ] && [ -n "$done_line" ]; then
		pass=$((pass + 1))
		echo "ok   $t: $done_line"
	else
		fail=$((fail + 1))
		echo "FAIL $t (exit $rc): $(grep -m1 -E "invariant|ERROR|runtime error" "$log")"
		grep -E 'Test unit written' "$log"
		echo "     log: $log"
	fi
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && rm -rf "$work"
[ "$fail" -eq 0 ]
