#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# minivmm's command line and bad-input handling, run on the build machine
# (through qemu-aarch64-static on x86_64; there is no /dev/kvm there, which
# is itself a case). Every error must be one line on stderr with the right
# exit status; --dump-dtb output is decompiled with dtc and inspected.
#
# Usage: run.sh BUILD_DIR
set -uo pipefail

build=$1
vmm=$build/minivmm
tmp=$build/cli-tmp
rm -rf "$tmp" && mkdir -p "$tmp"
if [ "$(uname -m)" = aarch64 ]; then run=("$vmm"); else run=(qemu-aarch64-static "$vmm"); fi
passed=0 failed=0

pass() { passed=$((passed + 1)); echo "ok - $1"; }
fail() { failed=$((failed + 1)); echo "not ok - $1: $2"; }

# expect NAME STATUS STDERR_REGEX ARGS...: one stderr line matching the regex
# (or, for status 0, an empty stderr when the regex is '').
expect() {
	local name=$1 want=$2 pattern=$3 got lines
	shift 3
	timeout 30 "${run[@]}" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	got=$?
	lines=$(wc -l < "$tmp/err")
	if [ "$got" -ne "$want" ]; then
		fail "$name" "exit status $got, expected $want; stderr: $(head -c 300 "$tmp/err")"
	elif [ -n "$pattern" ] && { [ "$lines" -ne 1 ] || ! grep -Eq -- "$pattern" "$tmp/err"; }; then
		fail "$name" "stderr is not one line matching /$pattern/: $(head -c 300 "$tmp/err")"
	elif [ -z "$pattern" ] && [ -s "$tmp/err" ]; then
		fail "$name" "unexpected stderr: $(head -c 300 "$tmp/err")"
	else
		pass "$name"
	fi
}

img=$build/e2e/hello.img
guest=$build/guest.img
: > "$tmp/empty.img"
head -c 40 "$guest" > "$tmp/short-image.img"     # inside the 64-byte header
# Only an EFI-stub Image says how long it is (its PE header): Debian's kernel.
head -c 4096 "$(ls "$build"/deps/kernel/boot/vmlinuz-* | head -n1)" > "$tmp/truncated.img"
head -c $((20 << 20)) /dev/zero > "$tmp/big.initrd"

expect help 0 '' --help
grep -q -- '--cpus' "$tmp/out" && pass "help lists --cpus" || fail "help lists --cpus" "no --cpus in --help"
expect version 0 '' --version
grep -Eq '^minivmm [0-9]+\.[0-9]+' "$tmp/out" && pass "version format" || fail "version format" "$(cat "$tmp/out")"

# make install: the binary, guest.img and the man page under DESTDIR/PREFIX,
# the version make stamped, a man page that renders cleanly and documents
# every option --help lists; make uninstall removes them all.
top=$(cd "$(dirname "$0")/../.." && pwd)
build_abs=$(cd "$build" && pwd)
dest=$tmp/destdir
if make -s -C "$top" BUILD="$build_abs" DESTDIR="$dest" install > "$tmp/install.log" 2>&1; then
	pass "make install"
else
	fail "make install" "$(tail -n 3 "$tmp/install.log")"
fi
for f in bin/minivmm share/minivmm/guest.img share/man/man1/minivmm.1; do
	[ -s "$dest/usr/local/$f" ] && pass "installed $f" || fail "installed $f" "missing under $dest/usr/local"
done
run_installed=("$dest/usr/local/bin/minivmm")
[ "$(uname -m)" = aarch64 ] || run_installed=(qemu-aarch64-static "${run_installed[@]}")
got=$(timeout 30 "${run_installed[@]}" --version 2>&1)
want="minivmm $(sh "$top/scripts/version.sh")"
[ "$got" = "$want" ] && pass "installed --version is the stamped version" ||
	fail "installed --version is the stamped version" "got '$got', expected '$want'"
man_page=$dest/usr/local/share/man/man1/minivmm.1
LC_ALL=C MANWIDTH=100 timeout 30 man --warnings -l "$man_page" > "$tmp/man.txt" 2> "$tmp/man.err"
if [ $? -eq 0 ] && [ ! -s "$tmp/man.err" ] && grep -q '^NAME' "$tmp/man.txt" && grep -q 'EXIT STATUS' "$tmp/man.txt"; then
	pass "man -l renders the page without warnings"
else
	fail "man -l renders the page without warnings" "$(head -c 300 "$tmp/man.err")"
fi
grep -q "$(sh "$top/scripts/version.sh")" "$tmp/man.txt" && grep -q "0x0800_0000" "$tmp/man.txt" &&
	! grep -q '@[A-Z]*@' "$man_page" && pass "man page: version, memory map, no placeholders" ||
	fail "man page: version, memory map, no placeholders" "see $man_page"
timeout 30 "${run[@]}" --help > "$tmp/help.txt" 2>&1
undocumented=$(grep -oE -- '--[a-z][a-z-]+' "$tmp/help.txt" | sort -u | while read -r o; do
	grep -qF -- "$o" "$tmp/man.txt" || echo "$o"; done)
[ -n "$(grep -oE -- '--[a-z][a-z-]+' "$tmp/help.txt")" ] && [ -z "$undocumented" ] &&
	pass "man page documents every --help option" ||
	fail "man page documents every --help option" "missing: ${undocumented:-no options in --help}"
make -s -C "$top" BUILD="$build_abs" DESTDIR="$dest" uninstall > "$tmp/install.log" 2>&1
left=$(find "$dest" -type f)
[ -z "$left" ] && pass "make uninstall removes every file" || fail "make uninstall removes every file" "left: $left"

expect unknown-option 2 'unknown|unrecognized|invalid option' --frobnicate "$img"
expect missing-image 2 'image' 
expect extra-argument 2 'argument|unexpected' "$img" "$img"
expect cpus-zero 2 'cpus' -c 0 "$img"
expect cpus-nine 2 'cpus' --cpus 9 "$img"
expect cpus-text 2 'cpus' --cpus two "$img"
expect cpus-missing-value 2 'cpus|requires|argument' "$img" --cpus
expect mem-bad-suffix 2 'mem' -m 12Q "$img"
expect mem-zero 2 'mem' -m 0 "$img"
expect mem-huge 2 'mem' -m 2000000G "$img"
expect mem-overflow 2 'mem' -m 99999999999999999999 "$img"
expect image-missing 2 'nonexistent' "$tmp/nonexistent.img"
expect image-empty 2 'empty' "$tmp/empty.img"
expect image-directory 2 "$tmp" "$tmp"
expect image-truncated 2 'truncated' "$tmp/truncated.img"
expect initrd-missing 2 'nonexistent' -i "$tmp/nonexistent.initrd" "$img"
expect initrd-too-big 2 'initrd' -m 16M -i "$tmp/big.initrd" "$img"
expect image-too-big 2 'image|fit' -m 16M -i "$tmp/big.initrd" "$tmp/big.initrd"
expect dtb-missing 2 'nonexistent' --dtb "$tmp/nonexistent.dtb" "$img"
expect dtb-not-a-tree 2 'dtb|device tree' --dtb "$img" "$img"
# Valid input, no KVM here: one clear line and status 1 (skipped where KVM works).
if [ ! -e /dev/kvm ] || [ "$(uname -m)" != aarch64 ]; then
	expect no-kvm 1 '/dev/kvm' "$img"
	# A 40 GiB (sparse) initrd is checked by its size and read only into the
	# VM's RAM: without KVM that is never, so no 40 GiB read or buffer first.
	truncate -s 40G "$tmp/sparse.initrd"
	expect no-kvm-huge-initrd 1 '/dev/kvm' -m 48G -i "$tmp/sparse.initrd" "$img"
	expect dump-dtb-huge-initrd 0 '' -m 48G -i "$tmp/sparse.initrd" --dump-dtb "$tmp/huge.dtb" "$img"
	expect huge-initrd-too-big 2 'does not fit' -m 40G -i "$tmp/sparse.initrd" "$img"
	rm -f "$tmp/sparse.initrd"
fi

# --dump-dtb writes a tree dtc can read back, of a QEMU virt-like GICv2 machine.
for n in 1 4 8; do
	dtb=$tmp/virt-$n.dtb
	expect "dump-dtb-$n-cpus" 0 '' --dump-dtb "$dtb" -c $n -m 512M -a "console=ttyAMA0 x=1" -i "$build/e2e/smp.img" "$img"
	dts=$(dtc -q -I dtb -O dts "$dtb" 2>&1)
	check() { grep -Eq -- "$1" <<< "$dts" && pass "dtb $n cpus: $2" || fail "dtb $n cpus: $2" "no /$1/"; }
	check 'compatible = "arm,cortex-a15-gic"' "GICv2 node"
	check 'reg = <0x00 0x8000000 0x00 0x1000 0x00 0x8010000 0x00 0x2000>' "GICD and GICC regs"
	check 'compatible = "arm,armv8-timer"' "timer node"
	check "interrupts = <0x01 0x0d $(printf '0x%x08' $(( (1 << n) - 1 ))) " "timer PPIs with the CPU mask for $n CPUs"
	check 'compatible = "arm,pl011\\0arm,primecell"' "PL011"
	check 'compatible = "minivmm,test-exit"' "test-exit device"
	check 'bootargs = "console=ttyAMA0 x=1"' "bootargs verbatim"
	check 'linux,initrd-start' "initrd range"
	check 'reg = <0x00 0x40000000 0x00 0x20000000>' "memory node"
	check 'method = "hvc"' "psci method"
	[ "$(grep -c 'device_type = "cpu"' <<< "$dts")" -eq $n ] && pass "dtb $n cpus: cpu nodes" ||
		fail "dtb $n cpus: cpu nodes" "expected $n"
done
# vCPU features: the PMU node follows --pmu/--no-pmu. Without /dev/kvm (x86_64
# through qemu-user) only a forced feature is assumed; with it (an arm64 host)
# KVM's capabilities decide, and forcing one it lacks is an error.
expect dump-dtb-no-pmu 0 '' --dump-dtb "$tmp/nopmu.dtb" --no-pmu "$img"
dtc -q -I dtb -O dts "$tmp/nopmu.dtb" | grep -q 'arm,armv8-pmuv3' &&
	fail "dtb --no-pmu: no pmu node" "found one" || pass "dtb --no-pmu: no pmu node"
timeout 30 "${run[@]}" --dump-dtb "$tmp/pmu.dtb" --pmu -c 4 "$img" > /dev/null 2> "$tmp/err"
st=$?
case $st in
0) dtc -q -I dtb -O dts "$tmp/pmu.dtb" | grep -q 'compatible = "arm,armv8-pmuv3"' &&
	dtc -q -I dtb -O dts "$tmp/pmu.dtb" | grep -q 'interrupts = <0x01 0x07 0xf04>' &&
	pass "dtb --pmu: pmu node, PPI 7 level-high on 4 CPUs" ||
	fail "dtb --pmu: pmu node, PPI 7 level-high on 4 CPUs" "$(dtc -q -I dtb -O dts "$tmp/pmu.dtb" | grep -A3 pmu)" ;;
1) grep -q "^minivmm: --pmu: this host's KVM cannot give" "$tmp/err" &&
	pass "dtb --pmu: the host lacks a PMU, said so" || fail "dtb --pmu" "$(cat "$tmp/err")" ;;
*) fail "dtb --pmu" "status $st: $(cat "$tmp/err")" ;;
esac
# An x86_64 machine may have a /dev/kvm too: its KVM is not arm64's, and
# minivmm (under qemu-user) gets no API version from it.
if [ "$(uname -m)" = aarch64 ] && [ -c /dev/kvm ] && [ -w /dev/kvm ]; then
	timeout 30 "${run[@]}" --cpu-features > "$tmp/out" 2> "$tmp/err"
	[ $? -eq 0 ] && [ "$(grep -cE '^(pmu|sve|pauth) +(on|off) ' "$tmp/out")" -eq 3 ] &&
		pass "cpu-features: one line per feature" || fail "cpu-features" "$(cat "$tmp/out" "$tmp/err")"
	timeout 30 "${run[@]}" --cpu-features --no-pmu --no-sve --no-pauth > "$tmp/out" 2> "$tmp/err"
	[ "$(grep -cE '^(pmu|sve|pauth) +off +turned off \(--no-' "$tmp/out")" -eq 3 ] &&
		pass "cpu-features --no-*: all off" || fail "cpu-features --no-*" "$(cat "$tmp/out" "$tmp/err")"
else
	nokvm='^minivmm: (cannot open /dev/kvm|/dev/kvm has API version -1,)'
	expect cpu-features-no-kvm 1 "$nokvm" --cpu-features
	expect cpu-features-forced-no-kvm 1 "$nokvm" --cpu-features --sve
fi
expect cpu-features-two-images 2 'unexpected argument' --cpu-features "$img" "$img"
expect no-pmu-with-value 2 'no-pmu' --no-pmu=1 "$img"
expect dump-dtb-unwritable 1 'cannot write' --dump-dtb /nonexistent-dir/x.dtb "$img"

# Files that are not what they seem: special files, names, sizes, headers.
# Each must end in one line and a defined status, never a crash or a wait.
mkfifo "$tmp/fifo"
printf 'x%.0s' $(seq 300) > "$tmp/longname"
long=$tmp/$(cat "$tmp/longname")
cp "$img" "$tmp/input.img"
cp "$tmp/input.img" "$tmp/input.copy"
cp "$tmp/big.initrd" "$tmp/keep.initrd"
head -c $(((2 << 20) + 1)) /dev/zero > "$tmp/big.dtb"
cp "$tmp/truncated.img" "$tmp/corrupt-pe.img"
printf '\xf0\xff\xff\xff' | dd of="$tmp/corrupt-pe.img" bs=1 seek=$((0x3c)) conv=notrunc 2>/dev/null
expect dump-dtb-disk-full 1 'cannot write /dev/full: No space left on device' --dump-dtb /dev/full "$img"
expect dump-dtb-dev-null 0 '' --dump-dtb /dev/null "$img"
expect dump-dtb-fifo-no-reader 1 'FIFO that no process reads' --dump-dtb "$tmp/fifo" "$img"
expect dump-dtb-directory 1 'Is a directory' --dump-dtb "$tmp" "$img"
expect dump-dtb-over-image 1 'would overwrite the input file IMAGE' --dump-dtb "$tmp/input.img" "$tmp/input.img"
cmp -s "$tmp/input.img" "$tmp/input.copy" && pass "dump-dtb-over-image: image unchanged" ||
	fail "dump-dtb-over-image: image unchanged" "the image was overwritten"
expect dump-dtb-over-initrd 1 'would overwrite the input file --initrd' -i "$tmp/big.initrd" --dump-dtb "$tmp/big.initrd" "$img"
cmp -s "$tmp/big.initrd" "$tmp/keep.initrd" && pass "dump-dtb-over-initrd: initrd unchanged" ||
	fail "dump-dtb-over-initrd: initrd unchanged" "the initrd was overwritten"
ln -sf input.img "$tmp/link.img"
expect dump-dtb-over-image-link 1 'would overwrite' --dump-dtb "$tmp/link.img" "$tmp/input.img"
# A FIFO with a reader is a fine place for the tree (e.g. dtc reading it).
exec 3<>"$tmp/fifo"	# read-write: this shell is the reader, and open does not block
expect dump-dtb-fifo-reader 0 '' --dump-dtb "$tmp/fifo" "$img"
dd bs=1M count=1 iflag=nonblock <&3 > "$tmp/from-fifo.dtb" 2>/dev/null
exec 3<&-
dtc -q -I dtb -O dts "$tmp/from-fifo.dtb" 2>/dev/null | grep -q 'arm,cortex-a15-gic' &&
	pass "dump-dtb-fifo-reader: the reader got the tree" || fail "dump-dtb-fifo-reader: the reader got the tree" "no GIC node"
expect dump-dtb-empty-name 2 '--dump-dtb: the file name is empty' --dump-dtb '' "$img"
expect initrd-empty-name 2 '--initrd: the file name is empty' -i '' "$img"
expect dtb-empty-name 2 '--dtb: the file name is empty' --dtb '' "$img"
expect image-fifo 2 'is a FIFO, not a regular file' "$tmp/fifo"
expect initrd-fifo 2 'is a FIFO, not a regular file' -i "$tmp/fifo" "$img"
expect dtb-fifo 2 'is a FIFO, not a regular file' --dtb "$tmp/fifo" "$img"
expect image-dev-zero-huge-ram 2 'character device, not a regular file' -m 1023G /dev/zero
expect image-long-name 2 'x\.\.\.x+: File name too long$' "$long"
expect image-newline-name 2 'cannot open .*/new\\nline: No such file' "$tmp/new
line"
expect dtb-too-big 2 'at most 2 MiB can be loaded$' --dtb "$tmp/big.dtb" "$img"
expect append-too-long 2 '^minivmm: --append is too long \(70000 bytes\)' -a "$(head -c 70000 /dev/zero | tr '\0' a)" "$img"
expect stats-bad-format 2 "--stats: 'xml' is not a format" --stats=xml "$img"
expect stats-json-no-file 2 '--stats=json: the file name is missing' "$img" --stats=json
expect sgi-drop-bad-sgi 2 "--sgi-drop: '16=1' does not start with an SGI" --sgi-drop 16=1 "$img"
expect sgi-delay-too-long 2 'the delay must be 0-10000000 microseconds' --sgi-delay 1=99999999 "$img"
expect sgi-dup-bad-prob 2 'probability must be a number from 0 to 1' --sgi-dup 'CALL_FUNC=2' "$img"
expect sgi-drop-cpu-beyond-vm 2 'names CPU 3, but the VM has 2' --sgi-drop '1:0>3=1' -c 2 "$img"
expect fault-seed-bad 2 "--fault-seed: 'x' is not a number" --fault-seed x "$img"
expect irqchip-bad 2 "--irqchip: 'qemu' is not user or kernel" --irqchip=qemu "$img"
expect irqchip-kernel-with-faults 2 'fault injection needs --irqchip=user' --irqchip=kernel --sgi-drop 1=1 "$img"
expect irq-inject-bad 2 "--irq-inject: 'signal' is not direct or kick" --irq-inject=signal "$img"
expect irq-inject-kick-kernel 2 '--irq-inject=kick needs --irqchip=user' --irqchip=kernel --irq-inject=kick "$img"
expect line-drop-bad 2 "--line-drop: '1.5' is not a probability from 0 to 1" --line-drop=1.5 "$img"
expect line-drop-kick 2 '--line-drop needs --irqchip=user and --irq-inject=direct' --line-drop=0.1 --irq-inject=kick "$img"
expect line-drop-kernel 2 '--line-drop needs --irqchip=user and --irq-inject=direct' --irqchip=kernel --line-drop=0.1 "$img"
expect thp-bad 2 "--thp: 'yes' is not on or off" --thp=yes "$img"
expect trace-empty-name 2 '--trace: the file name is empty' --trace '' "$img"
expect trace-format-bad 2 "--trace-format: 'xml' is not json or csv" --trace "$tmp/t.json" --trace-format=xml "$img"
expect trace-format-alone 2 '--trace-format without --trace FILE' --trace-format=csv "$img"
expect trace-same-as-stats 2 "--trace and --stats=json name the same file '$tmp/t.json'" --trace "$tmp/t.json" --stats=json "$tmp/t.json" "$img"
expect trace-over-image 2 'would overwrite the input file IMAGE' --trace "$tmp/input.img" "$tmp/input.img"
cmp -s "$tmp/input.img" "$tmp/input.copy" && pass "trace-over-image: image unchanged" ||
	fail "trace-over-image: image unchanged" "the image was overwritten"
expect trace-fifo-no-reader 2 'FIFO that no process reads' --trace "$tmp/fifo" "$img"
expect trace-directory 2 'Is a directory' --trace "$tmp" "$img"
expect trace-missing-dir 2 "cannot write $tmp/no/such/t.json: No such file or directory" --trace "$tmp/no/such/t.json" "$img"
expect image-corrupt-pe 2 'corrupt EFI header: PE header offset 0xfffffff0' "$tmp/corrupt-pe.img"

echo "cli: $passed passed, $failed failed"
[ $failed -eq 0 ]
