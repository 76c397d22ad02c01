#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The fresh-machine check: do what a new user does on a new Debian 12 machine,
# in a clean root, and fail if the README's commands do not work there.
#
#  1. debootstrap --variant=minbase a Debian 12 root (debootstrap itself is
#     installed here if missing);
#  2. in it, install only what the README asks for first (git, make), and
#     clone this repository's committed HEAD (the work tree with --worktree);
#  3. bind-mount /proc, /sys and /dev (the nested host needs them) and run,
#     as root with a bare environment: make deps, make all, make check (must
#     pass), make run (must print the guest's verdict and exit 0);
#  4. with --bench, also make bench (must finish and print its table);
#  5. print how long each step took.
#
# For maintainers, before every release and after any change to the
# dependencies or a QEMU command line. Not part of make check: it downloads
# several hundred MB. About 15 minutes on an idle 2-core machine.
#
# Usage: scripts/fresh-check.sh [--worktree] [--keep] [--bench] [DIR]
#   DIR         where the root goes (default /var/tmp/minivmm-fresh-root:
#               outside the repository, so that nothing that walks or
#               deletes build/ ever reaches the bind-mounted /dev); it is
#               deleted and made anew
#   --worktree  test the work tree (tracked and untracked files, not the
#               ignored ones) instead of the committed HEAD
#   --keep      leave the root in place afterwards, for a look inside
#   --bench     then run make bench too (its install steps, the arm64 QEMU
#               root filesystem, included): about 30 minutes more
#   FRESH_MIRROR  Debian mirror (default http://deb.debian.org/debian)
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
worktree=0 keep=0 bench=0 root=
for a in "$@"; do
	case $a in
	--worktree) worktree=1 ;;
	--keep) keep=1 ;;
	--bench) bench=1 ;;
	-h|--help) sed -n '3,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	-*) echo "fresh-check: unknown option $a (see --help)" >&2; exit 2 ;;
	*) [ -z "$root" ] || { echo "fresh-check: one DIR only" >&2; exit 2; }; root=$a ;;
	esac
done
root=${root:-/var/tmp/minivmm-fresh-root}
mirror=${FRESH_MIRROR:-http://deb.debian.org/debian}
log_dir=$top/build/fresh-check
repo=/root/minivmm	# inside the root

[ "$(id -u)" -eq 0 ] || { echo "fresh-check: needs root (debootstrap, chroot, mounts)" >&2; exit 1; }
mkdir -p "$log_dir" "$(dirname "$root")"
root=$(cd "$(dirname "$root")" && pwd)/$(basename "$root")

timings=()
step() { # label command... ; timed, output to a log, the log's tail on failure
	local label=$1 t0=$SECONDS rc log
	shift
	log=$(tr -c 'a-z0-9\n' '-' <<< "${label,,}" | tr -s '-')
	log=$log_dir/${log%-}.log
	echo "[fresh] $label ... (log: $log)"
	set +e
	"$@" > "$log" 2>&1
	rc=$?
	set -e
	timings+=("$(printf '%-34s %5ds  %s' "$label" $((SECONDS - t0)) "$([ $rc -eq 0 ] && echo ok || echo "FAILED ($rc)")")")
	if [ $rc -ne 0 ]; then
		echo "[fresh] FAILED: $label (exit status $rc); last lines of $log:"
		tail -n 30 "$log" | sed 's/^/    | /'
		report
		exit 1
	fi
}
report() {
	echo "[fresh] timings:"
	printf '    %s\n' "${timings[@]}"
}

mounted_under() { findmnt -rn -o TARGET | grep -E "^$root(/|$)" || true; }
unmount_all() {
	local m
	for m in $(mounted_under | sort -r); do
		umount "$m" 2>/dev/null || umount -l "$m"
	done
}
remove_root() {
	[ -e "$root" ] || return 0
	# Only ever delete a root this script made (a wrong DIR must not cost data).
	if [ -n "$(ls -A "$root")" ] && [ ! -e "$root/.minivmm-fresh-root" ]; then
		echo "fresh-check: $root is not empty and was not made by this script; not touching it" >&2
		return 1
	fi
	unmount_all
	# Never delete through a bind mount of the host's /dev, /proc or /sys.
	if [ -n "$(mounted_under)" ]; then
		echo "fresh-check: still mounted under $root, not removing it" >&2
		return 1
	fi
	rm -rf "$root"
}
cleanup() {
	if [ $keep -eq 1 ]; then unmount_all; echo "[fresh] root kept in $root"; else remove_root; fi
}

in_root() { # command... as root in the clean root, with a bare environment; an hour at most
	timeout -k 10 3600 chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		TERM=dumb /bin/bash -c "$*"
}

install_debootstrap() {
	command -v debootstrap >/dev/null && return 0
	timeout 600 apt-get update -q && DEBIAN_FRONTEND=noninteractive timeout 1200 apt-get install -y -q --no-install-recommends debootstrap
}

make_root() {
	remove_root
	mkdir -p "$root" && touch "$root/.minivmm-fresh-root"
	timeout 1800 debootstrap --variant=minbase bookworm "$root" "$mirror"
	# A Debian 12 machine also has the updates and security suites.
	cat > "$root/etc/apt/sources.list" <<-EOF
	deb $mirror bookworm main
	deb $mirror bookworm-updates main
	deb http://deb.debian.org/debian-security bookworm-security main
	EOF
	cp /etc/resolv.conf "$root/etc/resolv.conf"
	local d
	for d in proc sys dev; do
		mount --rbind "/$d" "$root/$d"
		mount --make-rslave "$root/$d"
	done
}

readme_prerequisites() { # what the README tells a new user to install first
	in_root 'apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends git make ca-certificates'
}

copy_repository() {
	if [ $worktree -eq 1 ]; then
		mkdir -p "$root$repo"
		(cd "$top" && git ls-files -z -co --exclude-standard | tar --null -T - -cf -) | tar -C "$root$repo" -xf -
		cp -a "$top/.git" "$root$repo/.git"	# for scripts/version.sh
	else
		[ -z "$(git -C "$top" status --porcelain --untracked-files=no)" ] ||
			echo "[fresh] note: the work tree has uncommitted changes; testing HEAD (--worktree tests them)"
		git clone -q --no-hardlinks "$top" "$root$repo"
	fi
	echo "testing $(git -C "$root$repo" log -1 --format='%h %s')"
}

check_run_output() { # make run must print the guest's verdict and exit 0
	in_root "cd $repo && make run" > "$log_dir/make-run.out" 2>&1 || {
		echo "make run exited with status $?"; tail -n 30 "$log_dir/make-run.out"; return 1; }
	tr -d '\r' < "$log_dir/make-run.out" | grep -E '^[1-9][0-9]* passed, 0 failed$' ||
		{ echo "make run: no verdict line 'N passed, 0 failed'"; tail -n 30 "$log_dir/make-run.out"; return 1; }
	tr -d '\r' < "$log_dir/make-run.out" | grep -E 'minivmm exited with status 0$'
}

check_bench_output() { # make bench must end with its table and "done"
	in_root "cd $repo && make bench" > "$log_dir/make-bench.out" 2>&1 || {
		echo "make bench exited with status $?"; tail -n 30 "$log_dir/make-bench.out"; return 1; }
	grep -E '^make bench: done in ' "$log_dir/make-bench.out" &&
		grep -m 3 -F '/QEMU user' "$log_dir/make-bench.out" ||
		{ echo "make bench: no table or no 'done' line"; tail -n 30 "$log_dir/make-bench.out"; return 1; }
}

trap cleanup EXIT
t_all=$SECONDS
echo "[fresh] clean Debian 12 root in $root, logs in $log_dir"
step "install debootstrap (if missing)" install_debootstrap
step "debootstrap minbase bookworm" make_root
step "README prerequisites (git, make)" readme_prerequisites
step "clone the repository" copy_repository
step "make deps (packages, arm64 debs)" in_root "cd $repo && make deps"
step "make all (build)" in_root "cd $repo && make -j\$(nproc) all"
step "make check" in_root "cd $repo && make check"
tail -n 8 "$log_dir/make-check.log" | sed 's/^/    | /'
step "make run" check_run_output
[ $bench -eq 0 ] || step "make bench" check_bench_output
timings+=("$(printf '%-34s %5ds' total $((SECONDS - t_all)))")
report
echo "[fresh] PASS: the README's commands work in a clean Debian 12 root"
