#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Show that the IPI storm notices a lost KVM_IRQ_LINE and that the repair is
# what saves it (docs/kvm-irq-line-race.md): build minivmm from a copy of the
# committed tree with the repair planted out (no confirmation by the vCPU's
# thread, no line watch), then run guest.img's storm with --line-drop on it
# and on the real build, in one nested host boot. The planted build must
# fail and the real one pass.
#
# Usage: planted-line-repair.sh BUILD_DIR   (after make all e2e-guests)
set -uo pipefail

build=$(cd "$1" && pwd)
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'git -C "$top" worktree remove --force "$tmp/tree" >/dev/null 2>&1; rm -rf "$tmp"; rm -f "$build/e2e/minivmm-planted"' EXIT

git -C "$top" worktree add -q --detach "$tmp/tree" HEAD || exit 1
mkdir -p "$tmp/tree/build"
ln -s "$build/deps" "$tmp/tree/build/deps"
touch "$build/deps/.stamp"	# the copy's deps.sh is newer: do not run it again
python3 - "$tmp/tree/vmm/vcpu.c" <<'PY' || exit 1
import sys
p = sys.argv[1]
s = open(p).read()
for old, new in [
    ("if (remote == atomic_load(&vcpu->line_confirmed))\n",
     "if (remote == atomic_load(&vcpu->line_confirmed) || 1)\t/* PLANTED */\n"),
    ("if (pending && vcpu->watch_pending && confirmed == vcpu->watch_confirmed)\n",
     "if (pending && vcpu->watch_pending && confirmed == vcpu->watch_confirmed && 0)\t/* PLANTED */\n"),
]:
    if s.count(old) != 1:
        sys.exit("planted-line-repair: vcpu.c changed; cannot plant: " + old.strip())
    s = s.replace(old, new)
open(p, "w").write(s)
PY
make -s -C "$tmp/tree" build/minivmm >/dev/null || exit 1
cp "$tmp/tree/build/minivmm" "$build/e2e/minivmm-planted"

list=$tmp/list
cat > "$list" <<'LIST'
planted | 300 | expect_status 1 env MINIVMM=./e2e/minivmm-planted sh e2e/ipi-stress-run 20000 --line-drop=0.05
real    | 300 | expect_output 0 '^1 passed, 0 failed$' sh e2e/ipi-stress-run 20000 --line-drop=0.05
LIST
E2E_LOGS=$build/planted-line-repair bash "$top/tests/nested/run-tests.sh" "$build" "$list"
