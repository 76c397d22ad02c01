#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Boot the nested arm64 KVM host (L1) under QEMU TCG with EL2 and run a job
# in it; its serial console is this script's stdout.
#
# Usage: boot-l1.sh BUILD_DIR TIMEOUT_SECONDS JOB_FILE [FILE...]
#   JOB_FILE is sourced by L1's /init in /tests; the FILEs are copied to /tests.
#   L1_EXTRA_INITRD  gzip cpio archives (space-separated paths) appended to
#                    L1's initrd as they are: make bench's arm64 QEMU
#                    (tests/bench/qemu-rootfs.sh)
# Interactive when stdin is a terminal (make run); otherwise no input.
set -euo pipefail

build=$1 limit=$2 job=$3
shift 3
deps=$build/deps
work=$build/nested
mkdir -p "$work"

kernel=$(ls "$deps"/kernel/boot/vmlinuz-* | head -n1)
base=$work/base.cpio.gz

# The base archive (busybox) changes only with the deps; build it once.
if [ ! -s "$base" ] || [ "$base" -ot "$deps/busybox/bin/busybox" ]; then
	root=$(mktemp -d "$work/base.XXXXXX")
	mkdir -p "$root/bin" "$root/tests"
	cp "$deps/busybox/bin/busybox" "$root/bin/busybox"
	ln -s busybox "$root/bin/sh"
	(cd "$root" && find . | cpio -o -H newc --quiet) | gzip -1 > "$root.cpio.gz"
	mv "$root.cpio.gz" "$base"	# atomic: a concurrent run sees old or new
	rm -rf "$root"
fi

# The per-run archive: init, job, and the files under /tests. Each run has
# its own directory, so concurrent runs do not clobber each other.
run_dir=$(mktemp -d "$work/run.XXXXXX")
trap 'rm -rf "$run_dir"' EXIT
run_root=$run_dir/root
mkdir -p "$run_root/tests"
install -m 0755 "$(dirname "$0")/l1-init" "$run_root/init"
cp "$job" "$run_root/job"
for f in "$@"; do
	cp -r "$f" "$run_root/tests/"
done
(cd "$run_root" && find . | cpio -o -H newc --quiet) | gzip -1 > "$run_dir/run.cpio.gz"
# The kernel unpacks concatenated archives one after the other.
extra=()
# shellcheck disable=SC2086 # a list of paths, split on purpose
for f in ${L1_EXTRA_INITRD:-}; do
	[ -s "$f" ] || { echo "boot-l1: L1_EXTRA_INITRD: $f: no such archive" >&2; exit 1; }
	extra+=("$f")
done
cat "$base" "$run_dir/run.cpio.gz" "${extra[@]}" > "$run_dir/initrd.gz"
rm -rf "$run_root" "$run_dir/run.cpio.gz"

# pauth-impdef: QEMU's default pointer-authentication cipher (QARMA5) is
# slow under TCG, and the L1 kernel and the L2 guests that minivmm gives
# pauth sign every function return; the IMPLEMENTATION DEFINED one is
# cheap (a Linux guest boots in half the time) and as good for testing.
# -echr 29: QEMU's console escape is Ctrl-] instead of Ctrl-A, so that
# Ctrl-A reaches minivmm's console (Ctrl-A x quits minivmm, not L1).
timeout --foreground -k 10 "$limit" \
	qemu-system-aarch64 -nodefaults -machine virt,virtualization=on,gic-version=2 \
	-cpu max,pauth-impdef=on \
	-smp "${L1_CPUS:-2}" -m "${L1_MEM:-2048}" -accel tcg,thread=multi \
	-nographic -serial mon:stdio -echr 29 -no-reboot \
	-kernel "$kernel" -initrd "$run_dir/initrd.gz" \
	-append "console=ttyAMA0 quiet rdinit=/init panic=-1"
