#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make stress-nested`: evidence that direct IRQ injection never loses an
# IPI (vmm/vcpu.c, docs/kvm-irq-line-race.md). In one nested host boot (or
# directly on an arm64 KVM host), RUNS times: guest.img's IPI storm of IPIS
# cross-CPU SGIs on 4 vCPUs (tests/stress/ipi-stress-run). The storm keeps
# one IPI in flight per pair of CPUs, so an IPI lost for good stalls its
# pair and fails the run, and the guest checks every (source, target)
# pair's count exactly. Two busy loops load the host's CPUs meanwhile, so
# vCPU threads are preempted and rescheduled, and KVM reloads the vCPU each
# time: the window in which it loses a line set from another thread.
#
# Not part of make check: about 5 minutes per run nested.
# Usage: nested-ipi-stress.sh BUILD_DIR [RUNS [IPIS]]
set -uo pipefail

build=$1 runs=${2:-3} ipis=${3:-100000}
here=$(cd "$(dirname "$0")" && pwd)
list=$(mktemp)
trap 'rm -f "$list"' EXIT

limit=$((ipis / 100 + 120))	# ~300 IPIs/s nested under load, and room
for i in $(seq 1 "$runs"); do
	echo "ipi-stress-$i | $limit | expect_output 0 '^1 passed, 0 failed\$' sh e2e/ipi-stress-run $ipis" >> "$list"
done
logs=$build/stress-nested
E2E_LOGS=$logs bash "$here/../nested/run-tests.sh" "$build" "$list"
rc=$?
echo "IPIs and line-watch kicks per run ($ipis SGIs each):"
grep -h '^ipi-stress: ' "$logs"/ipi-stress-*.log 2>/dev/null | sed 's/^/   /'
exit $rc
