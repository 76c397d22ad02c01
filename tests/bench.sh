#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make bench`: figures, not pass/fail. Side by side in one run:
#  1. the vgic model on the host: ns and instructions (callgrind) per SGIR
#     write and per IAR+EOIR pair;
#  2. guest.img's IPI benchmarks on QEMU's own GIC (software emulation) and
#     under minivmm on KVM (nested on x86_64), same image, same bootargs;
#  3. minivmm's peak memory (RSS) for a few machine sizes;
#  4. what seeing every IPI costs: the vgic model and the guest's IPI round
#     trip with --trace off and on (interleaved runs), the exits per IPI
#     that --stats reports, and tools/ipi-plot's pictures of a traced run
#     of guest.img's tests on 4 vCPUs (in BUILD/bench/plots; the trace comes
#     out through the nested host's serial console, so it is kept small);
#  5. guest RAM with and without transparent huge pages (--thp=on|off): the
#     Debian kernel's boot to /init and power-off on 1 vCPU, interleaved,
#     wall time and KVM's own exit count (debugfs, sampled every second
#     while the VM lives: it vanishes with it).
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
# 4: round trips without and with --trace, interleaved; one with --stats;
# one traced test run whose CSV comes out through the console for the plots.
rt="guest.img -a 'bench_ipi_roundtrip iters=300'"
for i in 1 2 3; do
	echo "rt-off-$i | 120 | ./minivmm -c 2 $rt" >> "$list"
	echo "rt-trace-$i | 120 | ./minivmm -c 2 --trace /tmp/rt-trace.json $rt" >> "$list"
done
echo "rt-stats | 120 | ./minivmm -c 2 --stats $rt" >> "$list"
echo "trace-tests-4cpu | 600 | ./minivmm -c 4 --trace-format=csv --trace /tmp/tests.csv guest.img -a 'storm=800 rounds=5';" \
	"s=\$?; echo '==== trace csv begin'; cat /tmp/tests.csv; echo '==== trace csv end'; exit \$s" >> "$list"
# 5: THP on and off, interleaved; then one run of each with KVM's exit counter sampled.
for i in 1 2 3; do
	for m in on off; do
		echo "thp-$m-$i | 200 | MINIVMM_ARGS=--thp=$m sh linux/run-l2 1 180" >> "$list"
	done
done
for m in on off; do
	echo "thp-exits-$m | 200 | sh -c '(while :; do v=\$(cat /sys/kernel/debug/kvm/exits 2>/dev/null);" \
		"[ \"\${v:-0}\" -gt 0 ] && echo \$v > /tmp/kvm-exits; sleep 1; done) & s=\$!;" \
		"MINIVMM_ARGS=--thp=$m sh linux/run-l2 1 180; r=\$?; kill \$s;" \
		"echo \"kvm exits: \$(cat /tmp/kvm-exits)\"; rm -f /tmp/kvm-exits; exit \$r'" >> "$list"
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

echo
echo "== 4. the cost of seeing every IPI: --trace off and on"
echo "   vgic model, host-native (vgic-bench vs vgic-bench --trace, ns/op):"
"$build/host/vgic-bench" > "$out/vgic-off.txt"
"$build/host/vgic-bench" --trace > "$out/vgic-on.txt"
grep -h 'tracing on' "$out/vgic-on.txt" | sed 's/^/      /'
paste -d'|' <(grep ns/op "$out/vgic-off.txt") <(grep ns/op "$out/vgic-on.txt") |
	awk -F'|' '{ split($1, a, ":"); match($1, /[0-9.]+ ns\/op/); off = substr($1, RSTART, RLENGTH) + 0
		     match($2, /[0-9.]+ ns\/op/); on = substr($2, RSTART, RLENGTH) + 0
		     printf "      %-28s off %7.1f   on %7.1f   x%.1f\n", a[1] ":", off, on, on / off }'

median_of() { sort -n | awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : "n/a" }'; }
rt_medians() { # prefix: the guest's median_ns of each run
	for i in 1 2 3; do
		sed -n 's/^bench ipi_roundtrip .*median_ns=\([0-9]*\).*/\1/p' "$out/logs/$1-$i.log" 2>/dev/null
	done
}
off=$(rt_medians rt-off) on=$(rt_medians rt-trace)
m_off=$(median_of <<< "$off") m_on=$(median_of <<< "$on")
echo "   guest.img ipi_roundtrip, 2 vCPUs, median_ns of 3 interleaved runs each:"
printf '      --trace off: %s  -> median %s ns\n' "$(echo $off)" "$m_off"
printf '      --trace on:  %s  -> median %s ns\n' "$(echo $on)" "$m_on"
if [ "$m_off" != n/a ] && [ "$m_on" != n/a ] && [ "$m_off" -gt 0 ]; then
	awk -v a="$m_off" -v b="$m_on" 'BEGIN { printf "      on/off: %.2f\n", b / a }'
fi
echo "   --stats of one round-trip run:"
if grep -q 'exits per completed IPI' "$out/logs/rt-stats.log" 2>/dev/null; then
	grep -h 'exits per completed IPI' "$out/logs/rt-stats.log" | sed 's/^/      /'
else
	echo "      n/a (see $out/logs/rt-stats.log)"
fi

trace=$out/tests-4cpu.csv
tr -d '\r' < "$out/logs/trace-tests-4cpu.log" 2>/dev/null |
	sed -n '/^==== trace csv begin$/,/^==== trace csv end$/p' | sed '1d;$d' > "$trace"
echo "   tools/ipi-plot on a traced run of guest.img's tests, 4 vCPUs ($(wc -l < "$trace") lines):"
"$here/../tools/ipi-plot" -o "$out/plots" "$trace" 2>&1 | sed 's/^/      /'

echo
echo "== 5. guest RAM with and without transparent huge pages: Linux boot, 1 vCPU"
for m in on off; do
	times=$(for i in 1 2 3; do
		sed -n 's/^run-l2: .* exited 0 after \([0-9.]*\)s$/\1/p' "$out/logs/thp-$m-$i.log" 2>/dev/null
	done)
	exits=$(sed -n 's/^kvm exits: \([0-9]*\)$/\1/p' "$out/logs/thp-exits-$m.log" 2>/dev/null)
	printf '   --thp=%-3s boot %s s (median %s s); KVM exits %s\n' "$m" "$(echo $times)" \
		"$(median_of <<< "$times")" "${exits:-n/a}"
done
echo "   (exits: KVM's debugfs counter, sampled each second while the VM lived: a lower bound)"

