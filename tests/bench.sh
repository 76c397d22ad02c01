#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make bench`: figures, not pass/fail. Side by side in one run:
#  1. the vgic model on the host: ns and instructions (callgrind) per SGIR
#     write and per IAR+EOIR pair;
#  2. guest.img's IPI benchmarks on QEMU's own GIC (software emulation) and
#     under minivmm on KVM (nested on x86_64), same image, same bootargs;
#  3. minivmm's peak memory (RSS) for a few machine sizes.
#
# Usage: bench.sh BUILD_DIR   (BENCH_ARGS overrides the guest's bootargs)
set -uo pipefail

build=$1
here=$(cd "$(dirname "$0")" && pwd)
args=${BENCH_ARGS:-bench}
out=$build/bench
rm -rf "$out" && mkdir -p "$out"

echo "== 1. vgic model, host-native, one thread (tests/bench/vgic_bench.c)"
"$build/host/vgic-bench" | sed 's/^/   /'
rounds_line=
for fn in bench_send bench_take bench_ipi bench_coalesce; do
	log=$out/callgrind-$fn.txt
	valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect=$fn \
		"$build/host/vgic-bench" 2000 > "$log" 2>&1
	ir=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$log")
	ops=$(grep -E "in $fn\)" "$log" | head -n1 | sed -E 's/.*\(([0-9]+) [a-zA-Z]+ in.*/\1/')
	if [ -n "$ir" ] && [ -n "$ops" ] && [ "$ops" -gt 0 ]; then
		printf '   %-16s %6d instructions/op  (callgrind: %d Ir over %d ops)\n' \
			"$fn" $((ir / ops)) "$ir" "$ops"
	else
		echo "   $fn: callgrind figures unavailable (see $log)"
	fi
done

echo
echo "== 2. guest.img IPI benchmarks, bootargs '$args'"
list=$out/bench.list
: > "$list"
for n in 2 4; do
	echo "   QEMU GIC (TCG, no KVM), $n CPUs..."
	timeout -k 5 600 qemu-system-aarch64 -nodefaults -machine virt,gic-version=2 -cpu max -smp $n -m 256 \
		-accel tcg,thread=multi -nographic -serial mon:stdio -no-reboot -kernel "$build/guest.img" \
		-append "$args" </dev/null 2>&1 | tr -d '\r' > "$out/qemu-$n.log"
	echo "guest-bench-$n | 900 | ./minivmm -c $n guest.img -a '$args'" >> "$list"
done
cat >> "$list" <<'LIST'
rss-hello-2cpu-256M  | 60 | time -v ./minivmm -c 2 -m 256M e2e/hello.img
rss-smp-8cpu-256M    | 60 | time -v ./minivmm -c 8 -m 256M e2e/smp.img
rss-smp-8cpu-2G      | 60 | time -v ./minivmm -c 8 -m 2G e2e/smp.img
LIST
echo "   minivmm on KVM (nested where needed)..."
E2E_LOGS=$out/logs bash "$here/nested/run-tests.sh" "$build" "$list" > "$out/minivmm-run.log" 2>&1
grep -E '^\[e2e\] (PASS|FAIL)|^e2e:' "$out/minivmm-run.log" | sed 's/^/   /'

echo
echo "   guest's own figures per benchmark: QEMU's GIC (TCG, no KVM) vs minivmm (KVM)"
for n in 2 4; do
	# Guest lines look like: bench NAME cpus=N key=value ...
	grep -hE '^bench ' "$out/qemu-$n.log" "$out/logs/guest-bench-$n.log" 2>/dev/null |
		awk '{print $2}' | sort -u | while read -r name; do
			q=$(grep -E "^bench $name " "$out/qemu-$n.log" | head -n1 | cut -d' ' -f3-)
			m=$(grep -E "^bench $name " "$out/logs/guest-bench-$n.log" 2>/dev/null | head -n1 | cut -d' ' -f3-)
			printf '   %-44s\n      QEMU GIC: %s\n      minivmm:  %s\n' "$name ($n CPUs)" "${q:-n/a}" "${m:-n/a}"
		done
done

echo
echo "== 3. minivmm peak memory (busybox time -v, in the test host)"
for t in rss-hello-2cpu-256M rss-smp-8cpu-256M rss-smp-8cpu-2G; do
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): *\([0-9]*\).*/\1/p' "$out/logs/$t.log" 2>/dev/null)
	printf '   %-22s %s\n' "$t" "${rss:-n/a} KiB max RSS"
done
