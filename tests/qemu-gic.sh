#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# guest.img's self-tests on QEMU's own GICv2 model (software emulation, no
# KVM): the reference that tells a guest bug from a vgic bug. One run per CPU
# count; a run passes when the guest's TAP summary says "N passed, 0 failed"
# with N > 0. Ends with "qemu-gic: N passed, N failed" (N = runs).
#
# Usage: qemu-gic.sh BUILD_DIR [CPU_COUNTS] [BOOTARGS]
set -uo pipefail

build=$1
cpus=${2:-${QEMU_GIC_CPUS:-1 2 4 8}}
bootargs=${3:-${QEMU_GIC_BOOTARGS:-}}
logs=$build/qemu-gic-logs
mkdir -p "$logs"
passed=0 failed=0

for n in $cpus; do
	log=$logs/smp$n.log
	limit=$(((60 + 30 * n) * ${CHECK_SLOWDOWN:-1}))	# see tests/check.sh
	t0=$SECONDS
	echo "[qemu-gic] guest.img on QEMU's GICv2, $n CPU(s), bootargs '$bootargs' (timeout ${limit}s)"
	timeout -k 5 "$limit" qemu-system-aarch64 -nodefaults -machine virt,gic-version=2 -cpu max \
		-smp "$n" -m 256 -accel tcg,thread=multi -nographic -serial mon:stdio -no-reboot \
		-kernel "$build/guest.img" -append "$bootargs" </dev/null > "$log" 2>&1
	rc=$?
	tr -d '\r' < "$log" > "$log.txt" && mv "$log.txt" "$log"
	result=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
	secs=$((SECONDS - t0))
	if [ $rc -eq 0 ] && [[ $result =~ ^([1-9][0-9]*)\ passed,\ 0\ failed$ ]]; then
		passed=$((passed + 1))
		echo "[qemu-gic] PASS smp$n: $result (${secs}s)"
	else
		failed=$((failed + 1))
		why="exit status $rc"
		[ $rc -eq 124 ] && why="timed out after ${limit}s"
		echo "[qemu-gic] FAIL smp$n: $why, result '${result:-none}'; not ok lines and last output:"
		grep -E '^not ok' "$log" | sed 's/^/    | /'
		tail -n 20 "$log" | sed 's/^/    | /'
	fi
done
echo "qemu-gic: $passed passed, $failed failed"
[ $failed -eq 0 ]
