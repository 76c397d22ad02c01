# SPDX-License-Identifier: GPL-2.0
# Helpers for the commands in tests.list; sourced by run-list.sh (busybox ash
# inside the nested host, or bash on an arm64 KVM host). Patterns are matched
# against output with carriage returns removed (serial consoles print CRLF).

# expect_status CODE CMD...: CMD must exit with CODE.
expect_status() {
	want=$1; shift
	"$@"; got=$?
	if [ "$got" -ne "$want" ]; then
		echo "FAIL: '$*' exited $got, expected $want"
		return 1
	fi
	return 0
}

# run_captured CMD...: run CMD with its output (stdout and stderr) streamed,
# so a test killed on timeout still shows it, and kept in $out; $got is
# CMD's status (kept in a file: a pipeline's status is tee's).
run_captured() {
	cap=$(mktemp)
	{ "$@" 2>&1; echo $? > "$cap.rc"; } | tee "$cap"
	got=$(cat "$cap.rc")
	out=$(tr -d '\r' < "$cap")
	rm -f "$cap" "$cap.rc"
}

# expect_output STATUS PATTERN CMD...: CMD exits STATUS and its output
# (stdout and stderr) matches the extended regex PATTERN.
expect_output() {
	want=$1; pattern=$2; shift 2
	run_captured "$@"
	if [ "$got" -ne "$want" ]; then
		echo "FAIL: '$*' exited $got, expected $want"
		return 1
	fi
	if ! printf '%s\n' "$out" | grep -Eq -- "$pattern"; then
		echo "FAIL: output of '$*' does not match /$pattern/"
		return 1
	fi
	return 0
}

# expect_count N PATTERN CMD...: CMD exits 0 and exactly N output lines match PATTERN.
expect_count() {
	want=$1; pattern=$2; shift 2
	run_captured "$@"
	n=$(printf '%s\n' "$out" | grep -Ec -- "$pattern")
	if [ "$got" -ne 0 ] || [ "$n" -ne "$want" ]; then
		echo "FAIL: '$*' exited $got with $n lines matching /$pattern/, expected 0 and $want"
		return 1
	fi
	return 0
}
