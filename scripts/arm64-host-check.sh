#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The arm64-host check: prove that on an arm64 Debian 12 machine with a usable
# /dev/kvm, `make check` and `make run` build natively and run directly (the
# aarch64 branches of the Makefile, scripts/deps.sh and tests/), without the
# nested QEMU host the x86_64 path uses. No arm64 machine here, so one is
# emulated:
#
#  1. debootstrap --foreign an arm64 bookworm minbase root with what a
#     developer has before typing make (make, git, ca-certificates), plus the
#     Debian kernel (so /lib/modules matches the kernel booted), kmod and
#     iproute2; cached under build/arm64-host-check (--rebuild redoes it);
#  2. boot that kernel under QEMU TCG with EL2 (virt, GICv2, -cpu max, so
#     KVM comes up inside) with the whole root as its initramfs. The root is
#     a copy in RAM, so every run starts from the same pristine first stage
#     and there is no disk image to build or loop-mount (memory is plentiful).
#     Its /init runs debootstrap's second stage, brings up slirp networking,
#     clones this repository's committed HEAD and runs `make check` (which
#     installs the build dependencies itself through scripts/deps.sh: that is
#     part of what is proven) and `make run` natively, reporting each step
#     through @@ARM64CHECK@@ lines on the serial console;
#  3. print the timings and make check's final "N passed, N failed" line, and
#     exit 0 only if every step passed. The test logs (check-*.log,
#     e2e-logs/, qemu-gic-logs/) come out through the console too, into
#     build/arm64-host-check/logs/.
#
# Emulated, the host-side tests run 15-75 times slower than on the hardware
# their time limits were sized on (vgic-stress 16x, QEMU's TCG inside the
# emulated host, the qemu-gic stage, up to 75x, a threaded Check test over its
# 60 s), so make check gets CHECK_SLOWDOWN=20 (tests/check.sh: Check and
# qemu-gic limits x20, the stress at 1/20 of its work; make check reports it).
# Every stage still runs; a real arm64 host runs them all unchanged. The e2e
# stage is not scaled: it is the nested case of x86_64 (KVM in a TCG host).
#
# Not part of make check. 1 h 50 min to 2 h 10 min on a 2-core x86_64
# machine that was also running other work (at 7c1dd49: second stage 7 min,
# make deps 13 min, native build 13 min, the tests 76 min of which unit
# 55 min under ASan, make run 0.2 min; the first stage ~0.5 min, cached
# afterwards); the full console log is kept in
# build/arm64-host-check/console.log.
#
# Usage: scripts/arm64-host-check.sh [--rebuild]
#   --rebuild          redo the debootstrap first stage
#   ARM64_CHECK_MEM    emulated host's RAM in MiB (default 8192)
#   ARM64_CHECK_MIRROR Debian mirror (default http://deb.debian.org/debian)
#   CHECK_STAGES, E2E_FILTER  passed on to make check (a subset, for debugging)
set -euo pipefail
umask 022

top=$(cd "$(dirname "$0")/.." && pwd)
rebuild=0
for a in "$@"; do
	case $a in
	--rebuild) rebuild=1 ;;
	-h|--help) sed -n '3,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "arm64-host-check: unknown argument $a (see --help)" >&2; exit 2 ;;
	esac
done

die() { echo "arm64-host-check: $*" >&2; exit 1; }
log() { echo "[arm64] $*"; }

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap writes device nodes and root-owned files; apt-get)"

work=$top/build/arm64-host-check
mkdir -p "$work"
exec 9> "$work/lock"
flock -n 9 || die "another run holds $work/lock"

mirror=${ARM64_CHECK_MIRROR:-http://deb.debian.org/debian}
mem=${ARM64_CHECK_MEM:-8192}
suite=bookworm
# What a developer has before typing make, plus what booting it needs: the
# kernel package (its modules: virtio-net is one), kmod, iproute2.
include=make,git,ca-certificates,linux-image-arm64,kmod,iproute2

# Inner time limits (seconds), each about three times what was measured on a
# loaded machine, and the outer one for QEMU: their sum plus boot and margins.
t_stage2=3600 t_net=300 t_clone=600 t_check=18000 t_run=1800
t_outer=$((t_stage2 + t_net + t_clone + t_check + t_run + 900))

# ---- host tools (a fresh machine has only what make deps installs) ----
need=()
for p in debootstrap debian-archive-keyring qemu-system-arm git cpio; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
	log "installing ${need[*]}"
	apt-get update -q > /dev/null
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" > /dev/null
fi

# ---- 1. the first stage, cached as an initramfs archive and its kernel ----
stage1=$work/stage1
base=$work/stage1.cpio
kernel=$work/vmlinuz
params="2 $suite $mirror $include"	# 2: the layout of the cached files
if [ $rebuild -eq 1 ] || [ ! -s "$base" ] || [ ! -s "$kernel" ] ||
	[ "$(cat "$work/stage1.params" 2>/dev/null)" != "$params" ]; then
	# debootstrap's first stage mounts nothing, but never delete under a mount.
	if findmnt -rn -o TARGET | grep -q "^$stage1\(/\|$\)"; then
		die "something is mounted under $stage1; unmount it first"
	fi
	rm -rf "$stage1" "$base" "$kernel" "$work/stage1.params"
	log "debootstrap first stage: arm64 $suite minbase + $include (about 1 min)"
	t0=$SECONDS
	if ! debootstrap --arch=arm64 --foreign --variant=minbase --include="$include" \
		"$suite" "$stage1" "$mirror" > "$work/debootstrap.log" 2>&1; then
		tail -n 20 "$work/debootstrap.log" >&2
		die "debootstrap first stage failed (log: $work/debootstrap.log)"
	fi
	# On a machine with /.dockerenv debootstrap makes proc a symlink to the
	# host's /proc; the emulated host mounts its own.
	if [ -L "$stage1/proc" ]; then
		rm "$stage1/proc"
		mkdir -m 0555 "$stage1/proc"
	fi
	# The kernel is only unpacked by the second stage: take it from its .deb.
	deb=$(ls "$stage1"/var/cache/apt/archives/linux-image-[0-9]*-arm64_*_arm64.deb | head -n1)
	dpkg-deb --fsys-tarfile "$deb" | tar -xO --wildcards './boot/vmlinuz-*' > "$kernel.tmp"
	mv "$kernel.tmp" "$kernel"
	basename "$deb" > "$work/kernel.deb"
	# Uncompressed: the emulated kernel would spend longer in gunzip than QEMU
	# in reading the extra bytes.
	(cd "$stage1" && find . | cpio -o -H newc --quiet) > "$base.tmp"
	mv "$base.tmp" "$base"
	rm -rf "$stage1"
	echo "$params" > "$work/stage1.params"
	log "first stage done in $((SECONDS - t0))s ($(du -m "$base" | cut -f1) MB archive)"
else
	log "first stage: cached ($base; --rebuild to redo)"
fi

# ---- 2. the per-run archive: /init, its parameters, the repository ----
commit=$(git -C "$top" rev-parse HEAD)
[ -z "$(git -C "$top" status --porcelain --untracked-files=no)" ] ||
	log "note: testing the committed HEAD ${commit:0:12}; uncommitted changes are not included"
run=$work/run
rm -rf "$run"
ov=$run/overlay
install -d -m 0755 "$ov" "$ov/etc/apt" "$ov/arm64-check" "$ov/srv"
git clone -q --bare --single-branch "$top" "$ov/srv/minivmm.git"
cat > "$ov/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb http://deb.debian.org/debian-security $suite-security main
EOF
echo 'nameserver 10.0.2.3' > "$ov/etc/resolv.conf"
echo arm64host > "$ov/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tarm64host\n' > "$ov/etc/hosts"
{
	printf 't_stage2=%s t_net=%s t_clone=%s t_check=%s t_run=%s commit=%s\n' \
		"$t_stage2" "$t_net" "$t_clone" "$t_check" "$t_run" "$commit"
	echo 'export CHECK_SLOWDOWN=20'
	[ -z "${CHECK_STAGES:-}" ] || printf "export CHECK_STAGES='%s'\n" "$CHECK_STAGES"
	[ -z "${E2E_FILTER:-}" ] || printf "export E2E_FILTER='%s'\n" "$E2E_FILTER"
} > "$ov/arm64-check/params"

# Network for apt: slirp's fixed addresses; no DHCP client or ifupdown needed.
cat > "$ov/arm64-check/net" <<'EOF'
#!/bin/sh
set -e
modprobe virtio_pci
modprobe virtio_net
ip link set lo up
i=0
while dev=$(ls /sys/class/net | grep -vx lo | head -n1); [ -z "$dev" ]; do
	i=$((i + 1)); [ $i -le 30 ]; sleep 1
done
ip link set "$dev" up
ip addr add 10.0.2.15/24 dev "$dev"
ip route add default via 10.0.2.2
getent ahosts deb.debian.org > /dev/null
echo "network: $dev 10.0.2.15/24, deb.debian.org resolves"
EOF

# PID 1 of the emulated host (dash). Every step is bounded by `timeout` and
# reported as "@@ARM64CHECK@@ step NAME STATUS SECONDS".
cat > "$ov/arm64-check/init" <<'EOF'
#!/bin/sh
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
M=@@ARM64CHECK@@
. /arm64-check/params

mounts() {
	mountpoint -q /proc || mount -t proc proc /proc
	mountpoint -q /sys || mount -t sysfs sysfs /sys
	mountpoint -q /dev || mount -t devtmpfs devtmpfs /dev
	# What udev would add: bash's process substitution needs /dev/fd.
	[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
	[ -e /dev/stdin ] || ln -s /proc/self/fd/0 /dev/stdin
	[ -e /dev/stdout ] || ln -s /proc/self/fd/1 /dev/stdout
	[ -e /dev/stderr ] || ln -s /proc/self/fd/2 /dev/stderr
	mkdir -p /dev/pts /dev/shm
	mountpoint -q /dev/pts || mount -t devpts devpts /dev/pts
	mountpoint -q /dev/shm || mount -t tmpfs tmpfs /dev/shm
}
finish() {
	echo "$M done"
	sync
	echo o > /proc/sysrq-trigger
	sleep 30
	exit 1	# PID 1 exits: panic=-1 reboots and -no-reboot ends QEMU
}
fatal() { echo "$M fatal $*"; finish; }
step() { # NAME LIMIT CMD...
	name=$1 limit=$2
	shift 2
	echo "$M begin $name"
	s0=$(date +%s)
	timeout -k 30 "$limit" "$@"
	rc=$?
	echo "$M step $name $rc $(($(date +%s) - s0))"
	return $rc
}

# mountpoint is not usable before /proc is there.
mount -t proc proc /proc
mounts
# The root is the initramfs (tmpfs, half the RAM by default): room for the
# build dependencies, the build and the test guests.
mount -o remount,size=75% /
# Before the second stage only unconfigured packages: no awk, no free.
echo "$M ready $(cut -d' ' -f1 /proc/uptime)s $(uname -r), $(nproc) CPUs, $(grep MemTotal /proc/meminfo)"

# INITRD=No: the kernel's postinst would build an initramfs that nothing
# boots, minutes under TCG.
if ! step second-stage "$t_stage2" env INITRD=No /debootstrap/debootstrap --second-stage; then
	tail -n 30 /debootstrap/debootstrap.log
	fatal "debootstrap second stage failed"
fi
mounts	# the second stage unmounts /proc, /sys, /dev/pts and /dev/shm when it ends

step network "$t_net" sh /arm64-check/net || fatal "no network (virtio-net on slirp, 10.0.2.15)"
[ -c /dev/kvm ] || fatal "no /dev/kvm in the emulated host; kernel: $(dmesg | grep -i kvm | tail -n 3 | tr '\n' ' ')"
echo "$M kvm $(dmesg | grep -i 'kvm' | grep -i -m1 'mode\|initialized' | sed 's/^\[[^]]*\] //')"

step clone "$t_clone" git clone -q /srv/minivmm.git /root/minivmm || fatal "git clone failed"
cd /root/minivmm || fatal "no /root/minivmm"
echo "$M commit $(git rev-parse HEAD)"

# make check as a developer types it. Its output is watched for the end of
# scripts/deps.sh ("deps: ok") and the first test stage ("==== ") to time the
# deps install, the build and the tests apart.
c0=$(date +%s)
{ timeout -k 30 "$t_check" make check < /dev/null 2>&1; echo $? > /tmp/check.rc; } |
while IFS= read -r line; do
	case $line in
	"deps: ok")
		d1=$(date +%s)
		echo "$M step deps 0 $((d1 - c0))" ;;
	"==== "*:*)
		if [ -z "${b1:-}" ]; then
			b1=$(date +%s)
			echo "$M step build 0 $((b1 - ${d1:-$c0}))"
			echo "$b1" > /tmp/tests.t0
		fi ;;
	[0-9]*" passed, "[0-9]*" failed")
		echo "$line" > /tmp/check.result ;;
	esac
	printf '%s\n' "$line"
done
rc=$(cat /tmp/check.rc)
[ -s /tmp/tests.t0 ] && echo "$M step tests $rc $(($(date +%s) - $(cat /tmp/tests.t0)))"
echo "$M step make-check $rc $(($(date +%s) - c0))"
echo "$M result $(cat /tmp/check.result 2>/dev/null || echo none)"

# make run: the guest's TAP summary and minivmm's exit status (its verdict).
r0=$(date +%s)
{ timeout -k 30 "$t_run" make run < /dev/null 2>&1; echo $? > /tmp/run.rc; } | tee /tmp/run.log
echo
echo "$M step make-run $(cat /tmp/run.rc) $(($(date +%s) - r0))"
echo "$M verdict $(tr -d '\r' < /tmp/run.log | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n 1)"

# The logs, gzipped and base64-encoded between two markers: there is no
# shared disk, and the serial console is reliable.
echo "$M logs-begin"
(cd build && tar -czf - --ignore-failed-read check-*.log e2e-logs qemu-gic-logs 2>/dev/null) | base64 -w 76
echo "$M logs-end"
df -m / | tail -n 1 | awk '{ print "'"$M"' disk " $3 " MiB used of " $2 }'
finish
EOF
chmod 0755 "$ov/arm64-check/init" "$ov/arm64-check/net"
(cd "$ov" && find . | cpio -o -H newc --quiet) > "$run/overlay.cpio"
# The kernel unpacks concatenated archives in turn; later files win.
cat "$base" "$run/overlay.cpio" > "$run/initrd.cpio"
rm -rf "$ov" "$run/overlay.cpio"

# ---- 3. boot it and follow the markers ----
console=$work/console.log
log "booting the emulated arm64 host: QEMU TCG, EL2, GICv2, 2 CPUs, ${mem} MiB (bound ${t_outer}s)"
log "testing commit ${commit:0:12}; full console log: $console"
t0=$SECONDS
set +e
# -nodefaults and romfile=: a fresh machine has no NIC option ROMs.
# pauth-impdef: QEMU's default pointer-auth cipher is slow under TCG, and
# every function return of the host and its Linux guests is signed (as in
# tests/nested/boot-l1.sh).
timeout -k 30 "$t_outer" qemu-system-aarch64 -nodefaults \
	-machine virt,virtualization=on,gic-version=2 -cpu max,pauth-impdef=on -smp 2 -m "$mem" \
	-accel tcg,thread=multi -nographic -serial mon:stdio -no-reboot \
	-device virtio-net-pci,netdev=n0,romfile= -netdev user,id=n0 \
	-kernel "$kernel" -initrd "$run/initrd.cpio" \
	-append "console=ttyAMA0 quiet rdinit=/arm64-check/init panic=-1" < /dev/null 2>&1 |
	sed -u 's/\r$//' | tee "$console" | while IFS= read -r line; do
		# Progress on the terminal: the markers and make check's own progress lines.
		case $line in
		*@@ARM64CHECK@@*|"==== "*|"[e2e] "*|"[qemu-gic] "*|[a-z]*": "[0-9]*" passed, "*) echo "$line" ;;
		esac
	done
qemu_rc=${PIPESTATUS[0]}
set -e
rm -f "$run/initrd.cpio"
total=$((SECONDS - t0))
rm -rf "$work/logs"
mkdir -p "$work/logs"
sed -n '/@@ARM64CHECK@@ logs-begin/,/@@ARM64CHECK@@ logs-end/{/@@ARM64CHECK@@/d;p}' "$console" |
	base64 -d 2>/dev/null | tar -xzf - -C "$work/logs" 2>/dev/null || true

# ---- the report ----
marker() { sed -n "s/^.*@@ARM64CHECK@@ $1 //p" "$console" | tail -n 1; }
declare -A secs status
while read -r name rc s; do
	status[$name]=$rc secs[$name]=$s
done < <(sed -n 's/^.*@@ARM64CHECK@@ step //p' "$console")
echo
echo "==== arm64-host-check: commit ${commit:0:12}, kernel $(sed 's/_arm64.deb//' "$work/kernel.deb")"
ok=1
for name in second-stage network clone deps build tests make-check make-run; do
	if [ -n "${status[$name]:-}" ]; then
		printf '  %-13s %6ss  %s\n' "$name" "${secs[$name]}" \
			"$([ "${status[$name]}" = 0 ] && echo ok || echo "FAILED (status ${status[$name]})")"
		[ "${status[$name]}" = 0 ] || ok=0
	else
		printf '  %-13s %7s  %s\n' "$name" - "did not run"
		ok=0
	fi
done
printf '  %-13s %6ss  (QEMU exit status %s)\n' total "$total" "$qemu_rc"
fatal=$(marker fatal)
[ -z "$fatal" ] || { echo "  fatal: $fatal"; ok=0; }
result=$(marker result)
verdict=$(marker verdict)
sed -n '/^==== summary$/,/^[0-9]* passed, [0-9]* failed$/{/^==== summary$/d;/^[0-9]* passed, [0-9]* failed$/d;s/^/    /;p}' "$console"
echo "  make check: ${result:-no result}"
echo "  make run:   guest verdict '${verdict:-none}'"
grep -q '@@ARM64CHECK@@ done' "$console" || { echo "  the emulated host did not finish (timeout or crash)"; ok=0; }
[[ $result =~ ^[1-9][0-9]*\ passed,\ 0\ failed$ ]] || ok=0
[[ $verdict =~ ^[1-9][0-9]*\ passed,\ 0\ failed$ ]] || ok=0
if [ $ok -eq 1 ]; then
	echo "arm64-host-check: ok"
else
	echo "arm64-host-check: FAILED (console log: $console; test logs: $work/logs)"
	exit 1
fi
