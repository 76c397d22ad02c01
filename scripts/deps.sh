#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install (idempotently) everything minivmm needs to build and test, from
# Debian packages only. Host packages go in with apt-get; arm64 pieces that
# must not replace the host's own (the L1 kernel, busybox, static libfdt)
# are fetched with `apt-get download` and unpacked under $BUILD/deps.
#
# Usage: scripts/deps.sh BUILD_DIR
set -euo pipefail

build=${1:?usage: deps.sh BUILD_DIR}
deps=$build/deps
mkdir -p "$deps/debs"
deps=$(cd "$deps" && pwd)
arch=$(uname -m)

log() { printf 'deps: %s\n' "$*" >&2; }

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

updated=0
apt_update() {
	[ $updated -eq 1 ] && return 0
	as_root apt-get update -q >/dev/null
	updated=1
}

missing_packages() {
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || echo "$p"
	done
}

host_pkgs=(make gcc libc6-dev pkg-config check device-tree-compiler cpio libfdt-dev valgrind man-db)
# The fuzz targets (tests/fuzz): clang with libFuzzer and the sanitizer runtimes.
host_pkgs+=(clang libclang-rt-14-dev)
host_pkgs+=(python3-matplotlib)  # tools/ipi-plot (its DejaVu fonts come with python-matplotlib-data)
if [ "$arch" = aarch64 ]; then
	# On arm64 the host's own libfdt-dev is the arm64 one.
	:
else
	host_pkgs+=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static)
fi
# The nested host is needed unless /dev/kvm works here; qemu-system-arm also
# runs the guest on QEMU's own GIC (the reference) in every case.
host_pkgs+=(qemu-system-arm)

mapfile -t need < <(missing_packages "${host_pkgs[@]}")
if [ ${#need[@]} -gt 0 ]; then
	log "installing ${need[*]}"
	apt_update
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi

# arm64 packages fetched without installing them. Needs the arm64 package
# lists, which needs the architecture enabled.
fetch_arm64() { # name -> path of the downloaded .deb
	local name=$1 f
	f=$(ls "$deps/debs/${name}"_*_arm64.deb 2>/dev/null | head -n1 || true)
	if [ -z "$f" ]; then
		if ! dpkg --print-foreign-architectures | grep -qx arm64 && [ "$arch" != aarch64 ]; then
			log "enabling the arm64 architecture for apt"
			as_root dpkg --add-architecture arm64
			updated=0
		fi
		apt_update
		log "downloading $name:arm64"
		(cd "$deps/debs" && apt-get download -q "$name:arm64" >/dev/null 2>&1) ||
			{ log "cannot download $name:arm64"; exit 1; }
		f=$(ls "$deps/debs/${name}"_*_arm64.deb | head -n1)
	fi
	echo "$f"
}

unpack() { # deb dir
	mkdir -p "$2"
	dpkg-deb -x "$1" "$2"
}

# Static libfdt for the aarch64 minivmm binary.
if [ "$arch" != aarch64 ] && [ ! -f "$deps/sysroot/usr/lib/aarch64-linux-gnu/libfdt.a" ]; then
	unpack "$(fetch_arm64 libfdt-dev)" "$deps/sysroot"
fi

# L1 userland: one static busybox.
if [ ! -x "$deps/busybox/bin/busybox" ]; then
	unpack "$(fetch_arm64 busybox-static)" "$deps/busybox"
fi

# L1 kernel: the meta package names the versioned image in its Depends.
if ! ls "$deps"/kernel/boot/vmlinuz-* >/dev/null 2>&1; then
	meta=$(fetch_arm64 linux-image-arm64)
	image_pkg=$(dpkg-deb -f "$meta" Depends | tr ',' '\n' | sed -n 's/^ *\(linux-image-[0-9][^ ]*\).*/\1/p' | head -n1)
	[ -n "$image_pkg" ] || { log "cannot find the kernel image package in $meta"; exit 1; }
	image_pkg=${image_pkg%:arm64}
	log "L1 kernel package: $image_pkg (~60 MB)"
	tmp=$deps/kernel.tmp
	rm -rf "$tmp"
	unpack "$(fetch_arm64 "$image_pkg")" "$tmp"
	mkdir -p "$deps/kernel/boot"
	cp "$tmp"/boot/vmlinuz-* "$deps/kernel/boot/"
	rm -rf "$tmp" "$deps/debs/${image_pkg}"_*.deb
fi

log "ok"
