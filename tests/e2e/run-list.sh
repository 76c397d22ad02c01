#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run every test of a list, each under its own timeout, printing markers the
# host side parses (tests/nested/parse-results.sh). Runs inside the nested
# arm64 host (busybox ash) or directly on an arm64 KVM host.
#
# Usage: run-list.sh LIST [FILTER]   (run from the directory holding minivmm)
# List lines: NAME | TIMEOUT_SECONDS | SHELL COMMAND   ('#' starts a comment)

list=$1
filter=${2:-}
M=@@MINIVMM@@

now() { cut -d' ' -f1 /proc/uptime; }

# Run CMD in its own process group, so that on timeout everything it started
# (minivmm inside a $(...) of a helper, say) is signalled, not just the shell:
# TERM first so minivmm can stop its vCPUs, KILL 10 s later if even that hangs.
run_one() { # LIMIT CMD
	setsid sh -c ". ./lib.sh; $2" </dev/null 2>&1 &
	pid=$!
	(
		sleep "$1" & sp=$!
		trap 'kill $sp 2>/dev/null; exit 0' TERM
		wait $sp
		kill -TERM -$pid 2>/dev/null
		sleep 10 & sp=$!
		wait $sp
		kill -KILL -$pid 2>/dev/null
	) &
	wd=$!
	wait $pid
	rc=$?
	kill -TERM $wd 2>/dev/null
	wait $wd 2>/dev/null
	return $rc
}

if [ ! -c /dev/kvm ]; then
	echo "$M fatal /dev/kvm is missing in the test host"
	exit 1
fi
echo "$M ready $(now)"
while IFS='|' read -r name limit cmd; do
	name=$(echo $name)
	case "$name" in ''|'#'*) continue ;; esac
	if [ -n "$filter" ] && ! echo "$name" | grep -Eq -- "$filter"; then
		continue
	fi
	limit=$(echo $limit)
	echo "$M begin $name $limit"
	start=$(now)
	run_one "$limit" "$cmd"
	rc=$?
	end=$(now)
	elapsed=$(awk "BEGIN { printf \"%.1f\", $end - $start }")
	status=pass
	if [ $rc -ne 0 ]; then
		status=fail
		if awk "BEGIN { exit !($end - $start >= $limit) }"; then
			status=timeout
		fi
	fi
	# Newline first: the guest's last line may lack one.
	echo
	echo "$M end $name $status $rc $elapsed"
done < "$list"
echo "$M done"
