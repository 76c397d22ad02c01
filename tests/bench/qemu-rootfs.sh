#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# An arm64 QEMU for the nested host, so that make bench can compare minivmm
# with qemu-system-aarch64 -accel kvm on the same nested KVM: a gzip cpio
# archive to append to L1's initrd (tests/nested/boot-l1.sh, L1_EXTRA_INITRD)
# holding Debian 12's arm64 /usr/bin/qemu-system-aarch64, the dynamic loader
# and the shared-library closure of the binary (readelf -d NEEDED, resolved
# recursively), at Debian's paths, so L1's busybox userland can run it.
#
# The packages come from debootstrap --download-only: it resolves the
# dependencies of qemu-system-arm itself, needs neither root nor the arm64
# architecture in the host's apt, and installs nothing. No data files go in:
# -nodefaults -nographic -kernel on the virt machine reads none (QEMU's
# firmware and option ROMs, qemu-system-data, serve NICs, VGA and UEFI).
#
# Cached: does nothing while the archive is newer than this script. About
# 100 MB download and a minute on an idle machine; the unpacked packages
# (~300 MB) are deleted afterwards.
#
# Usage: tests/bench/qemu-rootfs.sh BUILD_DIR
#   QEMU_ROOTFS_MIRROR  Debian mirror (default http://deb.debian.org/debian)
set -euo pipefail
umask 022

build=${1:?usage: qemu-rootfs.sh BUILD_DIR}
out=$build/bench-qemu
archive=$out/qemu-arm64.cpio.gz
mirror=${QEMU_ROOTFS_MIRROR:-http://deb.debian.org/debian}
mkdir -p "$out"

if [ -s "$archive" ] && [ "$archive" -nt "$0" ]; then
	echo "qemu-rootfs: cached $archive ($(du -m "$archive" | cut -f1) MB)"
	exit 0
fi

# One line either way: the start now, the result when done.
printf 'qemu-rootfs: building %s from Debian 12 arm64 packages ...' "$archive"
t0=$SECONDS
die() { printf '\nqemu-rootfs: %s\n' "$*" >&2; exit 1; }

# Host tools, installed the way scripts/deps.sh installs (Debian packages).
need=()
for p in debootstrap debian-archive-keyring binutils cpio gzip; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
	[ "$(id -u)" -eq 0 ] ||
		die "needs ${need[*]}: run as root to have them installed, or apt-get install ${need[*]}"
	timeout 600 apt-get update -q >/dev/null
	DEBIAN_FRONTEND=noninteractive timeout 1200 \
		apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi

work=$(mktemp -d "$out/work.XXXXXX")
trap 'rm -rf "$work"' EXIT
log=$out/debootstrap.log
timeout 1800 debootstrap --arch=arm64 --download-only --variant=minbase \
	--include=qemu-system-arm bookworm "$work/dl" "$mirror" >"$log" 2>&1 ||
	die "debootstrap --download-only failed (log: $log): $(tail -n 1 "$log")"
# Every downloaded package unpacked into one tree, minbase included: the
# closure below picks what the binary needs, wherever it lives.
root=$work/root
for deb in "$work"/dl/var/cache/apt/archives/*.deb; do
	dpkg-deb -x "$deb" "$root"
done
rm -rf "$work/dl"

pack=$work/pack
mkdir -p "$pack"
chmod 0755 "$pack"	# its "." entry sets the mode of L1's /

# take PATH: copy /PATH of the unpacked root into the archive tree, and a
# symlink's target with it (the NEEDED sonames are symlinks).
take() {
	local p=$1 t
	[ -e "$pack$p" ] || [ -L "$pack$p" ] && return 0
	[ -e "$root$p" ] || die "$p: not in the unpacked packages"
	mkdir -p "$pack$(dirname "$p")"
	cp -a "$root$p" "$pack$p"
	if [ -L "$root$p" ]; then
		t=$(readlink "$root$p")
		case $t in /*) ;; *) t=$(dirname "$p")/$t ;; esac
		take "$(realpath -m -s "$t")"
	fi
}

# needed FILE: the sonames FILE links against.
needed() {
	readelf -dW "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'
}

bin=/usr/bin/qemu-system-aarch64
interp=$(readelf -lW "$root$bin" | sed -n 's/.*Requesting program interpreter: \(.*\)\]$/\1/p')
[ -n "$interp" ] || die "$bin: no program interpreter"
take "$bin"
take "$interp"
# The loader searches these without an ld.so.cache (L1 has none).
libdirs=(/lib/aarch64-linux-gnu /usr/lib/aarch64-linux-gnu /lib /usr/lib)
todo=("$bin")
declare -A seen=()
while [ ${#todo[@]} -gt 0 ]; do
	f=${todo[0]}
	todo=("${todo[@]:1}")
	for lib in $(needed "$root$f"); do
		[ -n "${seen[$lib]:-}" ] && continue
		seen[$lib]=1
		found=
		for d in "${libdirs[@]}"; do
			if [ -e "$root$d/$lib" ]; then found=$d/$lib; break; fi
		done
		[ -n "$found" ] || die "$f needs $lib, which no package provides"
		take "$found"
		todo+=("$found")
	done
done

# Prove the closure complete where an arm64 binary can run: qemu-user on
# x86_64 (scripts/deps.sh installs qemu-user-static), natively on arm64.
if command -v qemu-aarch64-static >/dev/null; then
	qemu-aarch64-static -L "$pack" "$pack$bin" --version >/dev/null 2>"$work/run.err" ||
		die "$bin does not start from the archive's tree: $(head -n 1 "$work/run.err")"
elif [ "$(uname -m)" = aarch64 ]; then
	"$pack$interp" --library-path "$pack/lib/aarch64-linux-gnu:$pack/usr/lib/aarch64-linux-gnu" \
		"$pack$bin" --version >/dev/null 2>"$work/run.err" ||
		die "$bin does not start from the archive's tree: $(head -n 1 "$work/run.err")"
fi

(cd "$pack" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -9 > "$archive.tmp"
mv "$archive.tmp" "$archive"
files=$(find "$pack" -type f | wc -l)
printf ' %s MB (%s MB unpacked, %s files), %ss\n' "$(du -m "$archive" | cut -f1)" \
	"$(du -sm "$pack" | cut -f1)" "$files" $((SECONDS - t0))
