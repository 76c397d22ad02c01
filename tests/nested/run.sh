#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make run`: run one minivmm command on arm64 KVM, directly on an arm64 host
# with a usable /dev/kvm, otherwise inside the nested host, the guest's
# console on this terminal.
#
# Usage: run.sh BUILD_DIR -- ./minivmm ARGS...
set -euo pipefail

build=$1
shift
[ "${1:-}" = -- ] && shift
here=$(cd "$(dirname "$0")" && pwd)

if [ "$(uname -m)" = aarch64 ] && [ -w /dev/kvm ]; then
	cd "$build"
	# The same last line as in the nested host (drive-escape.py waits for it).
	status=0
	"$@" || status=$?
	echo "[run] minivmm exited with status $status"
	exit $status
fi

echo "[run] booting the nested arm64 KVM host (QEMU TCG with EL2, ~10 s), then: $*" >&2
job=$build/run-job
{
	printf '%q ' "$@"
	printf '\necho "[run] minivmm exited with status $?"\n'
} > "$job"
files=("$build/minivmm" "$build/guest.img" "$build/e2e")
# make run-linux: the kernel and its initramfs too (36 MB, so only then).
[[ " $* " == *" linux/"* ]] && files+=("$build/linux")
exec bash "$here/boot-l1.sh" "$build" "${RUN_TIMEOUT:-3600}" "$job" "${files[@]}"
