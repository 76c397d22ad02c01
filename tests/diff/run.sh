#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make diff-gic`: the differential GIC conformance run (tests/diff/
# gic-diff.sh) over SEEDS programs of LEN steps at 1, 2, 4 and 8 vCPUs, in
# one boot of the nested host (or directly on an arm64 KVM host). Prints
# each divergence with its shrunk reproducer, and the totals per vCPU
# count; exit status 0 only if nothing diverged.
#
# Usage: run.sh BUILD_DIR [SEEDS [LEN [FIRST_SEED]]]   (defaults 20, 400, 1)
set -euo pipefail

build=$1 seeds=${2:-20} len=${3:-400} first=${4:-1}
here=$(cd "$(dirname "$0")" && pwd)
for v in "$seeds" "$len" "$first"; do
	case $v in ''|*[!0-9]*|0*) echo "diff-gic: SEEDS, LEN and FIRST_SEED must be positive integers" >&2; exit 2 ;; esac
done
list=$(mktemp "$build/diff-gic.XXXXXX.list")
trap 'rm -f "$list"' EXIT
last=$((first + seeds - 1))
for cpus in 1 2 4 8; do
	# Per program: two runs side by side, slower with more vCPUs than
	# the nested host has CPUs; plus room to shrink a divergence.
	limit=$((300 + seeds * len * (cpus + 2) / 40))
	echo "gic-diff-${cpus}cpu | $limit | sh diff/gic-diff.sh -l $len $cpus $first-$last" >> "$list"
done
logs=$build/diff-logs
E2E_LOGS=$logs bash "$here/../nested/run-tests.sh" "$build" "$list" && rc=0 || rc=$?
echo "==== diff-gic: totals"
cat "$logs"/gic-diff-*.log 2>/dev/null | tr -d '\r' | grep '^gic-diff: cpus=.* programs=' || true
exit $rc
