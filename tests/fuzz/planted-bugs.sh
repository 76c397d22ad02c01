#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Shows that the vgic fuzz target's invariants bite: each planted bug is a
# sed on a copy of vgic/ in BUILD/fuzz/planted/NAME (the real sources are
# never touched); the vgic target is built against the copy and must crash
# within SECONDS, starting from the committed corpus. Prints caught/MISSED
# per bug, with the time and the invariant that fired; exits 1 if any bug
# is missed (or a sed no longer matches the source it plants into).
#
# The seeds catch most of these bugs while being replayed; PLANTED_SEEDS=0
# starts from an empty corpus instead, to see what fuzzing alone finds.
#
# Usage: planted-bugs.sh BUILD_DIR [SECONDS]   (default 60; FUZZ_CC=clang)
set -uo pipefail

build=$1
secs=${2:-60}
cc=${FUZZ_CC:-clang}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$build/fuzz/planted
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
cflags="-std=gnu11 -O1 -g -w"	# a planted bug may well warn

# Each bug: bug NAME FILE-IN-vgic/ SED-SCRIPT WHAT-IT-DOES
bugs() {
	bug sgi-source-dropped sgi.c 's/return (src << 10) | sgi;/return sgi;/' \
		"IAR reports every SGI as sent by CPU 0"
	bug sgi-to-sender sgi.c \
		's/vgic_sgi_set_sources(vgic, t, sgi, 1u << src)/vgic_sgi_set_sources(vgic, src, sgi, 1u << src)/' \
		"GICD_SGIR makes the SGI pending on the writer, not the targets"
	bug sgi-pending-after-iar sgi.c 's/c->sgi_src\[sgi\] &= ~(1u << src);//' \
		"IAR does not consume the SGI's source: it stays pending"
	bug spi-pending-after-iar cpuif.c '/vgic_st(&d->pend_latch\[w\], d->pend_latch\[w\] & ~bit);/d' \
		"IAR does not clear an SPI's latched pending state"
	bug line-high-after-iar cpuif.c \
		'/^static uint32_t vgic_cpu_ack/,/^}/{/^\tvgic_cpu_set_line(vgic, c, false);$/d}' \
		"IAR leaves the line high after handing out the interrupt"
	bug line-stale-after-eoi cpuif.c '/^static int vgic_cpu_eoi/,/^}/{/^\tvgic_cpu_update(vgic, c);$/d}' \
		"EOIR drops the priority but does not re-evaluate the line"
	bug others-not-lowered cpuif.c '/^int vgic_cpu_read/,/^}/{/vgic_update_cpus(vgic, others);/d}' \
		"a claimed 1-of-N SPI stays signalled on its other targets"
	bug pmr-ignored vgic.c 's/return prio < c->pmr && /return /' \
		"the priority mask (GICC_PMR) is ignored"
	bug no-preemption-check vgic.c 's/ && vgic_group_prio(c, prio) < vgic_running_prio(c)//' \
		"the running priority does not block equal or lower priorities"
	bug dist-disable-ignored vgic.c '/if (!(vgic_ld(&vgic->dist.ctlr) & GICD_CTLR_ENABLE_GRP0))/{N;d}' \
		"GICD_CTLR's enable is ignored for signalling"
	bug tie-to-highest-intid vgic.c 's/if (p < best->prio) {/if (p <= best->prio) {/' \
		"equal priorities go to the highest INTID, not the documented lowest"
	bug eoimode-ignored cpuif.c '/^static int vgic_cpu_eoi/,/^}/s/if (!(c->ctlr & GICC_CTLR_EOIMODE))/if (1)/' \
		"EOIR deactivates even with EOImode 1"
	bug prio-unmasked internal.h 's/#define VGIC_PRIO_MASK\t\t0xf8u/#define VGIC_PRIO_MASK\t\t0xffu/' \
		"priorities keep all 8 bits, not the 5 implemented"
	bug targets-unmasked dist.c \
		's/uint8_t t = (value >> (8 \* i)) & vgic_cpu_mask(vgic);/uint8_t t = value >> (8 * i);/' \
		"ITARGETSR keeps bits of CPUs that do not exist"
	bug coalesced-uncounted sgi.c '/vgic_count_sources(c, sgi, old & sources, coalesced);/d' \
		"a send that finds its SGI already pending is not counted as coalesced"
	bug completion-uncounted cpuif.c '/c->stats.sgi\[intid\]\[c->sgi_active_src\[intid\]\].completed++;/d' \
		"deactivating an SGI is not counted as its completion"
}

compile() { # out src flags...
	local out=$1 src=$2
	shift 2
	"$cc" $cflags "$@" -c "$src" -o "$out"
}

# One bug: copy, plant, build, fuzz. Prints one line; returns 0 if caught.
plant() { # name file sed what
	local name=$1 file=$2 script=$3 what=$4 dir=$work/$1 t0 ms inv how seeds=()
	rm -rf "$dir"
	mkdir -p "$dir/vgic" "$dir/obj" "$dir/corpus"
	cp "$root"/vgic/*.[ch] "$dir/vgic/"
	sed -i -e "$script" "$dir/vgic/$file"
	if cmp -s "$dir/vgic/$file" "$root/vgic/$file"; then
		printf 'MISSED  %-22s the sed no longer matches vgic/%s: update this script\n' "$name" "$file"
		return 1
	fi
	for f in "$dir"/vgic/*.c; do
		compile "$dir/obj/$(basename "$f" .c).o" "$f" -I"$dir" $san -fsanitize=fuzzer-no-link ||
			{ echo "MISSED  $name: does not build"; return 1; }
	done
	compile "$dir/obj/harness.o" "$root/tests/fuzz/fuzz_vgic.c" -I"$dir" -I"$root" $san ||
		{ echo "MISSED  $name: does not build"; return 1; }
	"$cc" $san -fsanitize=fuzzer -o "$dir/fuzz-vgic" "$dir"/obj/*.o -lpthread || return 1
	[ "${PLANTED_SEEDS:-1}" = 0 ] || seeds=("$root/tests/fuzz/corpus/vgic")
	t0=$(date +%s%N)
	timeout $((secs + 60)) "$dir/fuzz-vgic" -max_total_time="$secs" -seed="${FUZZ_SEED:-1}" \
		-artifact_prefix="$dir/" "$dir/corpus" "${seeds[@]}" > "$dir/log" 2>&1
	ms=$((($(date +%s%N) - t0) / 1000000))
	inv=$(grep -m1 -o "invariant '[^']*' violated" "$dir/log" | cut -d"'" -f2)
	how=fuzzing
	grep -q INITED "$dir/log" || how=seeds
	if [ -n "$inv" ]; then
		rm -rf "$dir/obj" "$dir/corpus" "$dir/fuzz-vgic"	# the log and the crash stay
		printf 'caught  %-22s %3d.%ds %-8s %-28s (%s)\n' "$name" $((ms / 1000)) \
			$((ms % 1000 / 100)) "$how" "$inv" "$what"
		return 0
	fi
	printf 'MISSED  %-22s in %ss (%s); log: %s\n' "$name" "$secs" "$what" "$dir/log"
	return 1
}

bug() {
	if plant "$@"; then
		caught=$((caught + 1))
	else
		missed=$((missed + 1))
	fi
}

mkdir -p "$work"
caught=0 missed=0
bugs
echo "planted-bugs: $caught caught, $missed missed"
[ "$missed" -eq 0 ]
