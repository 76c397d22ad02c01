#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Differential GIC conformance: run the gicdiff guest (tests/e2e/guests/
# gicdiff.c) with the same seed on minivmm's userspace GIC and on KVM's
# in-kernel vGICv2, and compare every value the program read. Runs where
# minivmm runs (busybox sh in the nested host, or an arm64 KVM host), from
# a directory holding minivmm, e2e/gicdiff.img and allowed-differences.
#
# Usage: gic-diff.sh [-l LEN] [-n] CPUS SEED...     (a SEED may be A-B)
#   -l LEN  steps per program (default 400)
#   -n      report a divergence without shrinking it
# GIC_DIFF_USER_ARGS: more minivmm options for the userspace-GIC runs (a
# fault such as --sgi-drop shows that a divergence is caught).
#
# On a divergence: the seed, the step, the operation and both values, then
# the program shrunk to the fewest steps that still diverge at that step
# in the same way (greedy removal of chunks, halving; the prologue that
# sets the GIC up stays), printed in full from both GICs.
# A divergence is run again: one that does not come back the same is
# UNSTABLE (a race on KVM's side; minivmm applies accesses in order).
# Ends with "gic-diff: cpus=N programs=P steps=S reads=R skipped=K
# divergences=D unstable=X unfinished=U" (R: values compared, K: steps the
# guest skipped to keep out of an allowed difference's way); exit status 0
# only with none of D, X, U.
set -u

len=400 shrink=1
while [ $# -gt 0 ]; do
	case "$1" in
	-l) len=$2; shift 2 ;;
	-n) shrink=0; shift ;;
	*) break ;;
	esac
done
[ $# -ge 2 ] || { echo "usage: gic-diff.sh [-l LEN] [-n] CPUS SEED..." >&2; exit 2; }
cpus=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
allowed=$here/allowed-differences
mem=${GIC_DIFF_MEM:-16M}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run WHICH SEED ARGS: the guest's output on GIC WHICH (user|kernel) in
# $tmp/WHICH, the bits the table allows to differ cleared; status kept.
run() {
	which=$1 seed=$2
	shift 2
	extra=
	[ "$which" = user ] && extra=${GIC_DIFF_USER_ARGS:-}
	# shellcheck disable=SC2086 # extra: options, split on purpose
	timeout -k 5 120 ./minivmm --irqchip="$which" $extra -c "$cpus" -m "$mem" e2e/gicdiff.img \
		-a "seed=$seed len=$len cpus=$cpus $*" > "$tmp/$which.raw" 2> "$tmp/$which.err"
	echo $? > "$tmp/$which.rc"
	tr -d '\r' < "$tmp/$which.raw" | awk -v table="$allowed" '
		function hex(s,   v, i) {
			v = 0
			for (i = 1; i <= length(s); i++)
				v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
			return v
		}
		BEGIN {
			while ((getline line < table) > 0) {
				split(line, f, " ")
				if (f[1] ~ /^[DC][0-9a-f][0-9a-f][0-9a-f]$/)
					mask[f[1]] = hex(f[2])
			}
		}
		# v without the bits of m (no and(): mawk, Debian'"'"'s awk, lacks it)
		function clear(v, m,   r, b) {
			r = 0
			for (b = 1; b <= 2147483648; b *= 2)
				if (int(v / b) % 2 && !(int(m / b) % 2))
					r += b
			return r
		}
		$1 ~ /^[0-9]+$/ && ($2 in mask) {
			$3 = sprintf("%x", clear(hex($3), mask[$2]))
		}
		{ print }' > "$tmp/$which"
}

# run_both SEED ARGS: both GICs at once (the nested host has two CPUs).
run_both() {
	run user "$@" &
	run kernel "$@"
	wait
}

# first_diff: "STEP|user line|kernel line" of the first differing line, or "".
first_diff() {
	awk 'NR == FNR { u[FNR] = $0; nu = FNR; next }
	     { k[FNR] = $0; nk = FNR }
	     END {
		n = nu > nk ? nu : nk
		for (i = 1; i <= n; i++) {
			if (u[i] != k[i]) {
				split(u[i] != "" ? u[i] : k[i], f, " ")
				printf "%s|%s|%s\n", f[1], u[i], k[i]
				exit
			}
		}
	     }' "$tmp/user" "$tmp/kernel"
}

# finished: both runs reached the program's end and exited 0.
finished() {
	[ "$(cat "$tmp/user.rc")" = 0 ] && [ "$(cat "$tmp/kernel.rc")" = 0 ] &&
		grep -q '^gicdiff: end ' "$tmp/user" && grep -q '^gicdiff: end ' "$tmp/kernel"
}

# ranges FILE: the step numbers in FILE (one per line, ascending) as A-B,C.
ranges() {
	awk 'NR == 1 { lo = hi = $1; next }
	     $1 == hi + 1 { hi = $1; next }
	     { out = out sep (lo == hi ? lo : lo "-" hi); sep = ","; lo = hi = $1 }
	     END { if (NR) print out sep (lo == hi ? lo : lo "-" hi) }' "$1"
}

# diverges_as SEED DIFF FILE: the steps in FILE still diverge first in
# the same way (same step, same two lines) as DIFF, a first_diff result.
diverges_as() {
	r=$(ranges "$3")
	[ "$(echo "$r" | tr ',' '\n' | wc -l)" -le 128 ] || return 1
	run_both "$1" "steps=$r"
	[ "$(first_diff)" = "$2" ]
}

# shrink SEED DIFF: the fewest steps (found greedily) diverging as DIFF.
# The prologue stays, so that a reproducer starts from the same state.
shrink() {
	seed=$1 diff=$2 step=${2%%|*}
	keep_below=$(sed -n 's/^gicdiff: .* prologue=\([0-9]*\).*/\1/p' "$tmp/user" | head -n 1)
	seq 0 "$step" > "$tmp/keep"
	chunk=$(( (step - ${keep_below:-0}) / 2 ))
	tries=0
	while [ "$chunk" -ge 1 ]; do
		start=${keep_below:-0}
		while [ "$start" -lt $(( $(wc -l < "$tmp/keep") - 1 )) ]; do
			# Drop lines start+1..start+chunk, never the diverging step (last).
			awk -v a="$start" -v c="$chunk" -v last="$step" \
				'(NR <= a || NR > a + c || $1 == last)' "$tmp/keep" > "$tmp/try"
			tries=$((tries + 1))
			if ! cmp -s "$tmp/try" "$tmp/keep" && diverges_as "$seed" "$diff" "$tmp/try"; then
				mv "$tmp/try" "$tmp/keep"
			else
				start=$((start + chunk))
			fi
		done
		chunk=$((chunk / 2))
	done
	echo "gic-diff: shrunk to $(wc -l < "$tmp/keep") steps in $tries tries: steps=$(ranges "$tmp/keep")"
	r=$(ranges "$tmp/keep")
	run_both "$seed" "steps=$r full=1"
	for which in user kernel; do
		echo "gic-diff: --irqchip=$which, the reproducer in full:"
		grep -v '^gicdiff: seed' "$tmp/$which" | sed 's/^/    /'
	done
}

programs=0 steps=0 reads=0 skipped=0 divergences=0 unstable=0 broken=0
for arg in "$@"; do
	case "$arg" in
	*-*) from=${arg%-*} to=${arg#*-} ;;
	*) from=$arg to=$arg ;;
	esac
	seed=$from
	while [ "$seed" -le "$to" ]; do
		run_both "$seed"
		if ! finished; then
			broken=$((broken + 1))
			echo "gic-diff: cpus=$cpus seed=$seed: a run did not finish" \
				"(user status $(cat "$tmp/user.rc"), kernel status $(cat "$tmp/kernel.rc"))"
			tail -n 3 "$tmp/user" "$tmp/user.err" "$tmp/kernel" "$tmp/kernel.err" | sed 's/^/    /'
		else
			programs=$((programs + 1))
			steps=$((steps + len))
			reads=$((reads + $(grep -c '^[0-9]* [DC]' "$tmp/user")))
			skipped=$((skipped + $(grep -c '^[0-9]* [-~] ' "$tmp/user")))
			d=$(first_diff)
			if [ -n "$d" ]; then
				# The same again? Only KVM's side can vary (minivmm applies
				# every access in order); such a case is counted apart.
				run_both "$seed"
				again=$(first_diff)
			fi
			if [ -n "$d" ] && [ "$again" != "$d" ]; then
				unstable=$((unstable + 1))
				echo "gic-diff: UNSTABLE cpus=$cpus seed=$seed len=$len: the first run diverged, the second did not in the same way"
				echo "    first:  ${d:-none}"
				echo "    second: ${again:-none}"
			elif [ -n "$d" ]; then
				divergences=$((divergences + 1))
				step=${d%%|*}
				rest=${d#*|}
				echo "gic-diff: DIVERGENCE cpus=$cpus seed=$seed len=$len at step $step"
				echo "    user:   ${rest%%|*}"
				echo "    kernel: ${rest#*|}"
				if [ "$shrink" = 1 ] && [ "$step" -eq "$step" ] 2>/dev/null; then
					shrink "$seed" "$d"
				fi
			fi
		fi
		seed=$((seed + 1))
	done
done
echo "gic-diff: cpus=$cpus programs=$programs steps=$steps reads=$reads skipped=$skipped divergences=$divergences unstable=$unstable unfinished=$broken"
[ "$divergences" -eq 0 ] && [ "$unstable" -eq 0 ] && [ "$broken" -eq 0 ]
