#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run the end-to-end test list on arm64 KVM: directly when this machine is an
# arm64 host with a usable /dev/kvm, otherwise inside the nested host (one L1
# boot for the whole list). Prints progress, keeps each test's output in
# BUILD/e2e-logs/NAME.log, shows the output of failures, and ends with
# "e2e: N passed, N failed". Exit status 0 only if every test passed.
#
# Usage: run-tests.sh BUILD_DIR LIST [FILTER]   (E2E_LOGS sets the log directory;
#   L1_EXTRA_INITRD passes through to boot-l1.sh)
set -uo pipefail

build=$1 list=$2 filter=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
e2e=$here/../e2e
logs=${E2E_LOGS:-$build/e2e-logs}
rm -rf "$logs"
mkdir -p "$logs"
tmp=$(mktemp -d "$build/e2e-run.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# What goes to /tests: minivmm, the guests, the list and its helpers.
files=("$build/minivmm" "$build/guest.img" "$build/e2e" "$e2e/lib.sh" "$e2e/run-list.sh" "$here/../diff")
# The Linux guest of tests/linux (make linux-guest), when built.
[ -d "$build/linux" ] && files+=("$build/linux")
cp "$list" "$tmp/tests.list"
files+=("$tmp/tests.list")

# Outer bound: every test's own limit (plus its KILL grace) and the boot.
total=120
while IFS='|' read -r name limit _; do
	name=$(echo $name)
	case "$name" in ''|'#'*) continue ;; esac
	total=$((total + $(echo $limit) + 10))
done < "$list"

direct_kvm_usable() {
	[ "$(uname -m)" = aarch64 ] && [ -r /dev/kvm ] && [ -w /dev/kvm ] &&
		"$build/minivmm" --version >/dev/null 2>&1
}

runner() {
	if direct_kvm_usable; then
		echo "[e2e] arm64 host with /dev/kvm: running the tests directly" >&2
		local dir=$tmp/direct
		mkdir -p "$dir"
		cp -r "${files[@]}" "$dir/"
		(cd "$dir" && timeout -k 10 "$total" sh ./run-list.sh tests.list "$filter")
	else
		echo "[e2e] booting the nested arm64 KVM host (QEMU TCG, EL2; outer timeout ${total}s)" >&2
		local job=$tmp/job
		printf 'sh ./run-list.sh tests.list %q\n' "$filter" > "$job"
		bash "$here/boot-l1.sh" "$build" "$total" "$job" "${files[@]}" </dev/null
	fi
}

console=$logs/test-host-console.log
passed=0 failed=0 current= log=$console done=0 t0=$SECONDS
declare -a failures=()

finish_test() { # name status rc seconds
	if [ "$2" = pass ]; then
		passed=$((passed + 1))
		printf '[e2e] PASS %s (%ss)\n' "$1" "$4"
	else
		failed=$((failed + 1))
		failures+=("$1")
		printf '[e2e] FAIL %s: %s, exit status %s after %ss; last output:\n' "$1" "$2" "$3" "$4"
		tail -n 25 "$logs/$1.log" | sed 's/^/    | /'
	fi
}

while IFS= read -r line; do
	line=${line%$'\r'}
	case "$line" in
	*"@@MINIVMM@@ ready "*)
		printf '[e2e] test host up after %ss (its uptime %ss)\n' $((SECONDS - t0)) "${line##* }" ;;
	*"@@MINIVMM@@ begin "*)
		current=${line#*@@MINIVMM@@ begin }
		limit=${current##* }
		current=${current% *}
		log=$logs/$current.log
		: > "$log"
		printf '[e2e] RUN  %s (timeout %ss)\n' "$current" "$limit" ;;
	*"@@MINIVMM@@ end "*)
		read -r name status rc secs <<< "${line#*@@MINIVMM@@ end }"
		finish_test "$name" "$status" "$rc" "$secs"
		current= log=$console ;;
	*"@@MINIVMM@@ fatal "*)
		echo "[e2e] test host: ${line#*@@MINIVMM@@ fatal }" ;;
	*"@@MINIVMM@@ done"*)
		done=1 ;;
	*)
		printf '%s\n' "$line" >> "$log" ;;
	esac
done < <(runner 2>&1)

if [ -n "$current" ]; then
	failed=$((failed + 1))
	failures+=("$current")
	echo "[e2e] FAIL $current: the test host stopped (outer timeout or crash) while it ran; last output:"
	tail -n 25 "$logs/$current.log" | sed 's/^/    | /'
fi
if [ $done -eq 0 ]; then
	failed=$((failed + 1))
	echo "[e2e] FAIL: the test list did not run to its end; test host console:"
	tail -n 25 "$console" | sed 's/^/    | /'
fi
[ ${#failures[@]} -eq 0 ] || echo "[e2e] failed: ${failures[*]}"
echo "e2e: $passed passed, $failed failed"
[ $failed -eq 0 ]
