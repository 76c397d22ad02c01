#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make bench`: figures, not pass/fail.
#  1. the vgic model on the host: ns and instructions (callgrind) per SGIR
#     write and per IAR+EOIR pair;
#  2. minivmm against the real alternatives, on the same (nested) KVM in one
#     boot of the nested host, runs interleaved (A B C D E, B C D E A, ...)
#     so that noise hits all alike:
#       minivmm             its userspace GICv2 (direct injection, the default)
#       minivmm (kick)      --irq-inject=kick: the old path, the target vCPU
#                           kicked to apply KVM_IRQ_LINE itself (one more exit
#                           per cross-CPU IPI): the "before" of the exit work
#       minivmm in-kernel   --irqchip=kernel: KVM's in-kernel vGICv2
#       QEMU user           qemu-system-aarch64 -accel kvm -cpu host
#                           -M virt,gic-version=2,kernel-irqchip=off -nodefaults
#       QEMU in-kernel      the same with kernel-irqchip=on
#     on guest.img's IPI benchmarks at 2, 4 and 8 vCPUs and on the Debian
#     kernel's boot to /init and power-off at 1, 2, 4 and 8 vCPUs, with
#     KVM's exit counters for every run (tests/bench/bench-report.py makes
#     the tables, BUILD/bench/bench.{json,csv}; tools/bench-plot the PNGs);
#  3. minivmm's peak memory (RSS) for a few machine sizes;
#  4. what seeing every IPI costs: the vgic model and the guest's IPI round
#     trip with --trace off and on (interleaved runs), the exits per IPI
#     that --stats reports, and tools/ipi-plot's pictures of a traced run
#     of guest.img's tests on 4 vCPUs (in BUILD/bench/plots; the trace comes
#     out through the nested host's serial console, so it is kept small);
#  5. guest RAM with and without transparent huge pages (--thp=on|off): the
#     boots of section 2 on 1 vCPU against the same with --thp=off.
# Sized for under 30 minutes on a 2-core machine (about 100 runs); every
# run has its own time limit, and a failed or timed-out one shows as such
# in the tables.
#
# Usage: bench.sh BUILD_DIR   (make bench: after make bench-qemu, with
#   L1_EXTRA_INITRD="$(BENCH_L1_ARCHIVES)"; by hand it defaults to those)
#   BENCH_REPS        runs of each IPI cell (default 3)
#   BENCH_BOOT_REPS   runs of each Linux boot cell (default 2)
#   BENCH_ITERS       guest.img's iters= (default 50)
#   BENCH_CPUS        vCPU counts of the IPI runs (default "2 4 8")
#   BENCH_BOOT_CPUS   vCPU counts of the boots (default "1 2 4 8")
#   BENCH_KICK_ARGS   minivmm options of "minivmm (kick)" (default --irq-inject=kick)
set -uo pipefail

build=$1
here=$(cd "$(dirname "$0")" && pwd)
out=$build/bench
rm -rf "$out" && mkdir -p "$out"
t_start=$SECONDS

reps=${BENCH_REPS:-3}
boot_reps=${BENCH_BOOT_REPS:-2}
iters=${BENCH_ITERS:-50}
ipi_cpus=${BENCH_CPUS:-2 4 8}
boot_cpus=${BENCH_BOOT_CPUS:-1 2 4 8}
kick=${BENCH_KICK_ARGS:---irq-inject=kick}
ipi_args="bench iters=$iters"
: "${L1_EXTRA_INITRD:=$build/bench-qemu/qemu-arm64.cpio.gz $build/bench-qemu/bench-scripts.cpio.gz}"
export L1_EXTRA_INITRD

elapsed() { local s=$((SECONDS - t_start)); printf '%d:%02d' $((s / 60)) $((s % 60)); }

echo "== 1. vgic model, host-native, one thread (tests/bench/vgic_bench.c)"
"$build/host/vgic-bench" | sed 's/^/   /'
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

# ---- the list of runs for the nested host ----
comps=(minivmm minivmm-kick minivmm-kvm qemu-user qemu-kvm)
declare -A label=(
	[minivmm]="minivmm" [minivmm-kick]="minivmm (kick)" [minivmm-kvm]="minivmm in-kernel"
	[qemu-user]="QEMU user" [qemu-kvm]="QEMU in-kernel" [minivmm-thp-off]="minivmm --thp=off")
declare -A runner=(
	[minivmm]="sh bench/minivmm-l2 user"
	[minivmm-kick]="MINIVMM_ARGS='$kick' sh bench/minivmm-l2 user"
	[minivmm-kvm]="sh bench/minivmm-l2 kernel"
	[qemu-user]="sh bench/qemu-l2 user"
	[qemu-kvm]="sh bench/qemu-l2 kernel"
	[minivmm-thp-off]="MINIVMM_ARGS=--thp=off sh bench/minivmm-l2 user")
# Each run's own limit in seconds (the runner stops the VMM there), about
# four times what a loaded 2-core machine needs; more vCPUs, slower.
declare -A ipi_limit=([1]=90 [2]=90 [4]=120 [8]=180)
declare -A boot_limit=([1]=90 [2]=120 [4]=180 [8]=240)

list=$out/bench.list
: > "$list"
: > "$out/comparators.tsv"
for c in "${comps[@]}" minivmm-thp-off; do
	printf '%s\t%s\t%s\n' "$c" "${label[$c]}" "${runner[$c]}" >> "$out/comparators.tsv"
done
: > "$out/runs.tsv"
declare -A desc=()

# add NAME KIND CPUS REP COMP LIMIT IMAGE [BOOTARGS]: one runner line. A
# comparator that ran into its limit at this size is not started again
# there: the next would most likely cost the whole limit too.
add() {
	local name=$1 kind=$2 cpus=$3 rep=$4 comp=$5 limit=$6 image=$7 args=${8:-}
	local flag=/tmp/bench-$$-timed-out-$comp-$kind-$cpus	# $$: this make bench's alone
	printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$kind" "$cpus" "$rep" "$comp" >> "$out/runs.tsv"
	echo "$name | $((limit + 20)) | if [ -e $flag ]; then echo 'bench: not run: it timed out before at this size'; exit 125; fi;" \
		"${runner[$comp]} $cpus $limit $image${args:+ '$args'}; s=\$?; [ \$s -eq 124 ] && : > $flag; exit \$s" >> "$list"
	if [ "$kind" = ipi ]; then
		desc[$name]="IPI benchmarks, $cpus vCPUs, run $rep/$reps: ${label[$comp]}"
	else
		desc[$name]="Linux boot, $cpus vCPU$([ "$cpus" = 1 ] || echo s), run $rep/$boot_reps: ${label[$comp]}"
	fi
}

# rotated R: the comparators, starting with the R-th (1-based, cyclic), so
# that what one leaves behind (the nested host's memory after a large QEMU,
# say) does not always fall on the same next one.
rotated() {
	local k=$((($1 - 1) % ${#comps[@]}))
	echo "${comps[@]:k}" "${comps[@]:0:k}"
}
for r in $(seq "$reps"); do
	for n in $ipi_cpus; do
		for c in $(rotated "$r"); do
			add "ipi-$n-$r-$c" ipi "$n" "$r" "$c" "${ipi_limit[$n]:-180}" guest.img "$ipi_args"
		done
	done
done
for r in $(seq "$boot_reps"); do
	for n in $boot_cpus; do
		for c in $(rotated "$r"); do
			add "boot-$n-$r-$c" boot "$n" "$r" "$c" "${boot_limit[$n]:-240}" linux
		done
		# Section 5: the same boot without huge pages, in the same rounds.
		[ "$n" = 1 ] && add "thp-1-$r-off" thp 1 "$r" minivmm-thp-off "${boot_limit[1]}" linux
	done
done
# Section 4: round trips without and with --trace, interleaved; one with
# --stats; one traced test run whose CSV comes out through the console.
rt="guest.img -a 'bench_ipi_roundtrip iters=300'"
for i in 1 2 3; do
	echo "rt-off-$i | 120 | ./minivmm -c 2 $rt" >> "$list"
	echo "rt-trace-$i | 120 | ./minivmm -c 2 --trace /tmp/rt-trace.json $rt" >> "$list"
	desc[rt-off-$i]="trace cost, run $i: --trace off" desc[rt-trace-$i]="trace cost, run $i: --trace on"
done
echo "rt-stats | 120 | ./minivmm -c 2 --stats $rt" >> "$list"
echo "trace-tests-4cpu | 300 | ./minivmm -c 4 --trace-format=csv --trace /tmp/tests.csv guest.img -a 'storm=800 rounds=5';" \
	"s=\$?; echo '==== trace csv begin'; cat /tmp/tests.csv; echo '==== trace csv end'; exit \$s" >> "$list"
desc[rt-stats]="trace cost: --stats" desc[trace-tests-4cpu]="a traced run of the self-tests, 4 vCPUs"
# Section 3.
cat >> "$list" <<'LIST'
rss-hello-2cpu-256M  | 60 | time -v ./minivmm -c 2 -m 256M e2e/hello.img
rss-smp-8cpu-256M    | 60 | time -v ./minivmm -c 8 -m 256M e2e/smp.img
rss-smp-8cpu-2G      | 60 | time -v ./minivmm -c 8 -m 2G e2e/smp.img
LIST
for t in rss-hello-2cpu-256M rss-smp-8cpu-256M rss-smp-8cpu-2G; do desc[$t]="peak memory: $t"; done
total=$(grep -c '|' "$list")

{
	printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
	printf 'version\t%s\n' "$(sh "$here/../scripts/version.sh")"
	printf 'host\t%s, %s CPUs, load average %s at the start\n' "$(uname -m)" "$(nproc)" \
		"$(cut -d' ' -f1-3 /proc/loadavg)"
	printf 'l1_cpus\t%s\n' "${L1_CPUS:-2}"
	printf 'reps\t%s\nboot_reps\t%s\nipi_args\t%s\nkick_args\t%s\n' "$reps" "$boot_reps" "$ipi_args" "$kick"
} > "$out/meta.tsv"

echo
echo "== 2. minivmm against QEMU and KVM's in-kernel GIC, on the same KVM (nested where needed)"
for c in "${comps[@]}"; do
	printf '   %-18s %s\n' "${label[$c]}" "${runner[$c]}"
done
echo "   $total runs in one boot of the nested host, interleaved; progress [run/total elapsed]:"

# One line per run from run-tests.sh's markers: which, then how it went.
progress() {
	local k=0 line name rest
	while IFS= read -r line; do
		case $line in
		'[e2e] test host up'* | '[e2e] booting'*)
			echo "   ${line#\[e2e\] }" ;;
		'[e2e] RUN  '*)
			name=${line#'[e2e] RUN  '} name=${name%% (*} k=$((k + 1))
			printf '   [%d/%d %s] %s ...' "$k" "$total" "$(elapsed)" "${desc[$name]:-$name}" ;;
		'[e2e] PASS '*)
			rest=${line##* (}
			echo " ${rest%)}" ;;
		'[e2e] FAIL '*': '*'exit status 125 '*)
			echo " not run (timed out before at this size)" ;;
		'[e2e] FAIL '*': timeout'* | '[e2e] FAIL '*', exit status 124 '*)
			echo " TIMEOUT (stopped at its limit)" ;;
		'[e2e] FAIL '*': '*', exit status '*)
			rest=${line#*, exit status }
			echo " FAIL (exit status ${rest%%;*})" ;;
		'[e2e] FAIL'* | 'e2e: '*)
			echo "   ${line#\[e2e\] }" ;;
		esac
	done
}
E2E_LOGS=$out/logs bash "$here/nested/run-tests.sh" "$build" "$list" 2>&1 |
	tee "$out/nested-run.log" | progress
echo "   nested run done after $(elapsed) (log: $out/nested-run.log)"
echo
"$here/bench/bench-report.py" "$out" | sed 's/^/   /'
echo
echo "   plots (tools/bench-plot):"
"$here/../tools/bench-plot" -o "$out" "$out/bench.json" 2>&1 | sed 's/^/      /'
echo "   tables and figures: $out/bench.json, $out/bench.csv (per cell), $out/bench-runs.csv (per run)"

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
"$here/bench/bench-report.py" --thp "$out" | sed 's/^/   /'
echo
echo "make bench: done in $(elapsed)"
