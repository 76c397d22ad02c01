#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""make bench's tables: minivmm against QEMU and KVM's in-kernel GIC.

Reads what tests/bench.sh left in OUTDIR: runs.tsv (one line per run:
name, kind, vCPUs, repetition, comparator), comparators.tsv (id, label,
what runs), meta.tsv (key, value) and logs/NAME.log (the output of
bench/minivmm-l2 or bench/qemu-l2 in the nested host). Prints the tables
and writes OUTDIR/bench.json (everything: meta, every run, the summary),
OUTDIR/bench.csv (the summary rows the tables show), OUTDIR/bench-runs.csv
(one row per run and benchmark) and OUTDIR/bench.md (the tables in
Markdown, for the README).

The definitions of the figures are DEFINITIONS below (printed with the
tables and stored in bench.json).

Usage: bench-report.py OUTDIR          (the tables, the files)
       bench-report.py --thp OUTDIR    (just the --thp=on/off boots)
"""

import csv
import json
import math
import os
import re
import statistics
import sys
import textwrap

PROG = "bench-report"

DEFINITIONS = {
    "latency": "us; min = the lowest of the runs' min_ns, med = the median of their median_ns, "
               "p99 = the median of their p99_ns (guest.img's p99 of ITERS samples: with "
               "iters<=100 it is the slowest sample)",
    "ipi_all_to_all": "every vCPU sends to every other at once: the storm's time per IPI "
                      "(total_ns/ipis; min/med/p99 columns: the best, median and worst run) and "
                      "IPIs per second",
    "exits/IPI": "per benchmark: KVM's exit counter (all vCPUs, every kind of exit, timer "
                 "ticks and idle vCPUs' included) between the guest's line before the benchmark "
                 "and its result line, snapshotted as each line reached the runner (kvm-stats "
                 "--lines), minus the console exits of printing the result line, divided by the "
                 "IPIs the benchmark sends (ipi_self ITERS, ipi_roundtrip 2*ITERS, ipi_broadcast "
                 "ITERS*(CPUS-1), ipi_all_to_all its ipis=, call_function_single_wait ITERS); "
                 "median of the runs; none for a benchmark over in under 20 ms (ITERS*median), "
                 "within the snapshots' lag of a few ms (in bench-runs.csv: exits_per_ipi_raw)",
    "run exits/IPI": "(bench-runs.csv) the whole run's KVM exits, boot, console and timer "
                     "ticks included, over the IPIs the guest counted as sent (its SENT row)",
    "ratios": "this comparator's med over the reference's med, same benchmark and vCPUs "
              "(below 1: faster); for boots, of the uptime at /init",
    "boot": "wall = VMM start to exit in the nested host (its start-up included: QEMU's takes "
            "seconds there), /init = the guest kernel's uptime on reaching /init; medians",
}

# guest.img's latency benchmarks (guest/tests/bench.c), in its order, and
# the IPIs each sends: ITERS, CPUS from its own line.
LATENCY = ("ipi_self", "ipi_roundtrip", "ipi_broadcast", "call_function_single_wait")
THROUGHPUT = "ipi_all_to_all"
BENCHES = ("ipi_self", "ipi_roundtrip", "ipi_broadcast", "ipi_all_to_all",
           "call_function_single_wait")
COUNTERS = ("exits", "mmio_exit_user", "mmio_exit_kernel", "signal_exits", "wfi_exit_stat")

# The references of the ratio columns, and who gets ratios.
REFS = (("qemu-user", "/QEMU user"), ("qemu-kvm", "/QEMU in-kernel"), ("minivmm-kvm", "/minivmm in-kernel"))
RATIO_ROWS = ("minivmm", "minivmm-kick")
# Exits per IPI only for a benchmark that ran this long: a snapshot lags the
# guest's line by a few ms (the runner's reader must see it), and the
# guest goes straight on with the next benchmark.
MIN_COUNTED_NS = 20_000_000
THP_OFF = "minivmm-thp-off"     # section 5's runs, not a comparator of the tables

FINAL_RE = re.compile(r"^(minivmm|qemu)-l2: (\S+) -(?:c|smp) (\d+) "
                      r"(?:exited (\d+)|stopped by the (\d+)s limit \(status (-?\d+)\)) after ([\d.]+)s$")
MARK_RE = re.compile(r"^kvm-mark: line=(\d+) t=([\d.]+)(.*)$")
STATS_RE = re.compile(r"^kvm-stats:(.*)$")
BENCH_RE = re.compile(r"^bench (\S+) (.*)$")
SENT_RE = re.compile(r"^SENT:((?:\s+\d+)+)\s+IPIs sent")
TAP_END_RE = re.compile(r"^(\d+) passed, (\d+) failed$")
BOOT_RE = re.compile(r"^boot-init: uptime ([\d.]+)s cpus=(\d+)$")


def die(msg):
    print(f"{PROG}: {msg}", file=sys.stderr)
    sys.exit(2)


def keyvals(text):
    """'a=1 b=2' -> {'a': 1, 'b': 2} (ints where they are)."""
    out = {}
    for word in text.split():
        if "=" in word:
            k, v = word.split("=", 1)
            try:
                out[k] = int(v)
            except ValueError:
                try:
                    out[k] = float(v)
                except ValueError:
                    out[k] = v
    return out


def read_tsv(path, fields):
    rows = []
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                parts = line.split("\t")
                if len(parts) != len(fields):
                    die(f"{path}: '{line}': {len(fields)} fields expected")
                rows.append(dict(zip(fields, parts)))
    except OSError as e:
        die(f"{path}: {e.strerror}")
    return rows


def console_exits(text):
    """Exits the guest's PL011 driver takes to print TEXT and its newline:
    a DR write per byte (\\r\\n for the newline) and a FR read per 16 (the
    emulated FIFO is always empty: TXFE gives room for 16)."""
    writes = len(text.encode("utf-8", "replace")) + 2
    return writes + math.ceil(writes / 16)


def ipis_of(name, kv, cpus):
    """IPIs one benchmark sends (guest/tests/bench.c)."""
    iters = kv.get("iters")
    if name == "ipi_self":
        return iters
    if name == "ipi_roundtrip":
        return 2 * iters if iters else None
    if name == "ipi_broadcast":
        return iters * (kv.get("cpus", cpus) - 1) if iters else None
    if name == "ipi_all_to_all":
        return kv.get("ipis")
    if name == "call_function_single_wait":
        return iters
    return None


def duration_ns(name, kv):
    """About how long a benchmark ran, by its own figures."""
    if name == "ipi_all_to_all":
        return kv.get("total_ns", 0)
    return kv.get("iters", 0) * kv.get("median_ns", 0)


def parse_log(path, kind, cpus):
    """One runner log -> dict: status, wall, counters, benchmarks..."""
    run = {"status": "missing", "rc": None, "wall_s": None, "counters": None,
           "uptime_s": None, "ipis_sent": None, "benches": {}, "note": ""}
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = [ln.rstrip("\n").replace("\r", "") for ln in f]
    except OSError:
        run["note"] = "no log: the nested host did not reach this run"
        return run
    guest, marks, final = [], {}, None
    tap = None
    in_guest = True
    for ln in lines:
        m = MARK_RE.match(ln)
        if m:
            in_guest = False
            kv = keyvals(m.group(3))
            marks[int(m.group(1))] = kv if "exits" in kv else None
            continue
        m = STATS_RE.match(ln)
        if m:
            in_guest = False
            kv = keyvals(m.group(1))
            run["counters"] = {k: kv[k] for k in COUNTERS if k in kv} or None
            continue
        m = FINAL_RE.match(ln)
        if m:
            final = m
            in_guest = False
            continue
        if ln.startswith("bench: not run:"):
            run["status"] = "skipped"
            run["note"] = ln[len("bench: not run:"):].strip()
            return run
        if in_guest:
            guest.append(ln)
    # The run's exits: the last snapshot, at the end or at the last line
    # (whichever is later: the figures only grow while the VM lives).
    best = dict(run["counters"] or {})
    for kv in marks.values():
        if kv and kv.get("exits", -1) > best.get("exits", -1):
            best = {k: kv[k] for k in COUNTERS if k in kv}
    run["counters"] = best or None

    for i, ln in enumerate(guest, start=1):
        m = BENCH_RE.match(ln)
        if m and m.group(1) in BENCHES:
            name, kv = m.group(1), keyvals(m.group(2))
            b = dict(kv)
            b["ipis"] = ipis_of(name, kv, cpus)
            now, before = marks.get(i), marks.get(i - 1)
            if now and before and b["ipis"]:
                ex = now["exits"] - before["exits"] - console_exits(ln)
                b["exits"] = max(ex, 0)
                b["exits_per_ipi_raw"] = round(max(ex, 0) / b["ipis"], 2)
                # A benchmark over within the snapshots' lag has its exits
                # counted partly before it: no figure.
                if duration_ns(name, kv) >= MIN_COUNTED_NS:
                    b["exits_per_ipi"] = b["exits_per_ipi_raw"]
            run["benches"][name] = b
            continue
        m = SENT_RE.match(ln)
        if m:
            run["ipis_sent"] = sum(int(x) for x in m.group(1).split())
            continue
        m = TAP_END_RE.match(ln)
        if m:
            tap = (int(m.group(1)), int(m.group(2)))
            continue
        m = BOOT_RE.match(ln)
        if m:
            run["uptime_s"] = float(m.group(1))
            run["boot_cpus"] = int(m.group(2))

    if final is None:
        run["status"] = "FAIL"
        run["note"] = "the runner did not finish (stopped by the list's own limit?)"
        return run
    if final.group(5) is not None:
        run["status"] = "timeout"
        run["rc"] = 124
        run["note"] = f"stopped by its {final.group(5)} s limit"
        return run
    run["rc"] = int(final.group(4))
    run["wall_s"] = float(final.group(7))
    if run["rc"] != 0:
        run["status"] = "FAIL"
        run["note"] = f"exit status {run['rc']}"
    elif kind == "ipi" and (tap is None or tap[1] != 0):
        run["status"] = "FAIL"
        run["note"] = "guest: " + (f"{tap[1]} benchmark(s) failed" if tap else "no verdict line")
    elif kind in ("boot", "thp") and (run["uptime_s"] is None or run.get("boot_cpus") != cpus):
        run["status"] = "FAIL"
        run["note"] = "no 'boot-init: uptime' line with all CPUs online"
    else:
        run["status"] = "ok"
    if run["ipis_sent"] and run["counters"] and "exits" in run["counters"]:
        run["exits_per_ipi"] = round(run["counters"]["exits"] / run["ipis_sent"], 2)
    return run


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def failure_word(runs):
    """What a cell without figures says: the runs' worst outcome."""
    statuses = {r["status"] for r in runs}
    for word in ("timeout", "FAIL", "skipped", "missing"):
        if word in statuses:
            return {"missing": "n/a"}.get(word, word)
    return "n/a"


def summarise(runs, comps, cpus_ipi, cpus_boot):
    """The aggregated rows: IPI latency, throughput, boot, THP."""
    by = {}
    for r in runs:
        by.setdefault((r["kind"], r["cpus"], r["comp"]), []).append(r)
    ipi_rows, boot_rows, thp_rows = [], [], []
    comps = [c for c in comps if c["id"] != THP_OFF]
    for n in cpus_ipi:
        for bench in BENCHES:
            for c in comps:
                rs = by.get(("ipi", n, c["id"]), [])
                bs = [r["benches"][bench] for r in rs if bench in r["benches"]]
                row = {"cpus": n, "benchmark": bench, "comparator": c["id"], "label": c["label"],
                       "runs": len(rs), "runs_with_figure": len(bs),
                       "exits_per_ipi": med([b.get("exits_per_ipi") for b in bs])}
                if bench == THROUGHPUT:
                    per = [b["ns_per_ipi"] for b in bs if "ns_per_ipi" in b]
                    row.update(min_ns=min(per) if per else None, median_ns=med(per),
                               p99_ns=max(per) if per else None,
                               ipis_per_sec=med([b.get("ipis_per_sec") for b in bs]),
                               ipis_per_sec_min=min([b["ipis_per_sec"] for b in bs if "ipis_per_sec" in b],
                                                    default=None),
                               ipis_per_sec_max=max([b["ipis_per_sec"] for b in bs if "ipis_per_sec" in b],
                                                    default=None))
                else:
                    mins = [b["min_ns"] for b in bs if "min_ns" in b]
                    row.update(min_ns=min(mins) if mins else None,
                               median_ns=med([b.get("median_ns") for b in bs]),
                               p99_ns=med([b.get("p99_ns") for b in bs]))
                row["missing"] = None if bs else failure_word(rs) if rs else "n/a"
                ipi_rows.append(row)
    for n in cpus_boot:
        for c in comps:
            rs = by.get(("boot", n, c["id"]), [])
            ok = [r for r in rs if r["status"] == "ok"]
            row = {"cpus": n, "comparator": c["id"], "label": c["label"], "runs": len(rs),
                   "runs_ok": len(ok),
                   "wall_s": med([r["wall_s"] for r in ok]),
                   "uptime_s": med([r["uptime_s"] for r in ok])}
            for k in COUNTERS:
                row[k] = med([(r["counters"] or {}).get(k) for r in ok])
            row["missing"] = None if ok else failure_word(rs) if rs else "n/a"
            boot_rows.append(row)
    for comp, label in (("minivmm", "--thp=on (default)"), (THP_OFF, "--thp=off")):
        kind = "boot" if comp == "minivmm" else "thp"
        rs = by.get((kind, 1, comp), [])
        ok = [r for r in rs if r["status"] == "ok"]
        if rs:
            thp_rows.append({"mode": label, "runs": len(rs), "runs_ok": len(ok),
                             "wall_s": [r["wall_s"] for r in ok], "uptime_s": [r["uptime_s"] for r in ok],
                             "exits": [(r["counters"] or {}).get("exits") for r in ok],
                             "missing": None if ok else failure_word(rs)})
    # Ratios: this row's median over the reference's, same cell.
    index = {(r["cpus"], r["benchmark"], r["comparator"]): r for r in ipi_rows}
    for r in ipi_rows:
        r["ratios"] = {}
        for ref, _ in REFS:
            o = index.get((r["cpus"], r["benchmark"], ref))
            if r["median_ns"] and o and o["median_ns"]:
                r["ratios"][ref] = round(r["median_ns"] / o["median_ns"], 3)
    bindex = {(r["cpus"], r["comparator"]): r for r in boot_rows}
    for r in boot_rows:
        r["ratios"] = {}
        for ref, _ in REFS:
            o = bindex.get((r["cpus"], ref))
            if r["uptime_s"] and o and o["uptime_s"]:
                r["ratios"][ref] = round(r["uptime_s"] / o["uptime_s"], 3)
    return ipi_rows, boot_rows, thp_rows


def us(ns):
    return "n/a" if ns is None else f"{ns / 1000:.0f}"


def num(v, fmt):
    return "" if v is None else format(v, fmt)


def text_table(head, rows, right):
    """Aligned columns, indented; right: which columns align right."""
    widths = [max(len(x) for x in col) for col in zip(head, *rows)]

    def fmt(cells):
        return "  ".join((c.rjust(w) if r else c.ljust(w))
                         for c, w, r in zip(cells, widths, right)).rstrip()
    print("   " + fmt(head))
    for row in rows:
        print("   " + fmt(row))
    print()


def md_table(head, rows, right):
    lines = ["| " + " | ".join(head) + " |",
             "|" + "|".join("---:" if r else "---" for r in right) + "|"]
    lines += ["| " + " | ".join(c if c else " " for c in row) + " |" for row in rows]
    return lines + [""]


def overcommit(n, l1):
    return f"overcommitted: {n} vCPUs on the nested host's {l1} CPUs" if n > l1 else ""


def ratio_cells(r):
    out = []
    for ref, _ in REFS:
        v = r["ratios"].get(ref)
        out.append(f"{v:.2f}" if v is not None and r["comparator"] in RATIO_ROWS else "")
    return out


def print_text(meta, comps, ipi_rows, boot_rows, cpus_ipi):
    l1 = int(meta.get("l1_cpus", "2"))
    print("Comparators:")
    for c in comps:
        if c["id"] != THP_OFF:
            print(f"   {c['label']:<18} {c['command']}")
    print("Definitions:")
    for k, v in DEFINITIONS.items():
        print(textwrap.fill(v, 100, initial_indent=f"   {k + ':':<16} ", subsequent_indent=" " * 20))
    print()
    heads = [h for _, h in REFS]
    print(f"guest.img IPI benchmarks, bootargs '{meta.get('ipi_args', '?')}', {meta.get('reps', '?')} "
          "interleaved runs per cell (runs: how many gave the figure); latency in us")
    print()
    for n in cpus_ipi:
        note = overcommit(n, l1)
        print(f"{n} vCPUs" + (f" ({note})" if note else ""))
        rows = []
        for r in (x for x in ipi_rows if x["cpus"] == n):
            cells = [r["benchmark"], r["label"], f"{r['runs_with_figure']}/{r['runs']}"]
            if r["missing"]:
                cells += [r["missing"], "", "", ""] + [""] * len(REFS)
            else:
                cells += [us(r["min_ns"]), us(r["median_ns"]), us(r["p99_ns"]),
                          num(r["exits_per_ipi"], ".1f")] + ratio_cells(r)
            rows.append(cells)
        text_table(["benchmark", "comparator", "runs", "min", "med", "p99", "exits/IPI"] + heads,
                   rows, [False, False, True, True, True, True, True] + [True] * len(REFS))
    print("ipi_all_to_all throughput, IPIs per second (median of the runs)")
    text_table(["comparator"] + [f"{n} vCPUs" for n in cpus_ipi], throughput_rows(comps, ipi_rows, cpus_ipi),
               [False] + [True] * len(cpus_ipi))
    if not boot_rows:
        return
    print(f"Linux boot to /init and power-off (Debian's kernel, tests/linux/boot-init), "
          f"{meta.get('boot_reps', '?')} interleaved runs per cell, medians; exits and user MMIO "
          "(exits to userspace for MMIO) from KVM's counters")
    rows = []
    for r in boot_rows:
        cells = [str(r["cpus"]) + ("*" if r["cpus"] > l1 else ""), r["label"], f"{r['runs_ok']}/{r['runs']}"]
        if r["missing"]:
            cells += [r["missing"], "", "", ""] + [""] * len(REFS)
        else:
            cells += [num(r["wall_s"], ".1f"), num(r["uptime_s"], ".2f"), num(r["exits"], ".0f"),
                      num(r["mmio_exit_user"], ".0f")] + ratio_cells(r)
        rows.append(cells)
    text_table(["vCPUs", "comparator", "runs", "wall s", "/init s", "exits", "user MMIO"] + heads,
               rows, [True, False, True, True, True, True, True] + [True] * len(REFS))
    if any(r["cpus"] > l1 for r in boot_rows):
        print(f"   *: more vCPUs than the nested host's {l1} CPUs (overcommitted)")
        print()


def throughput_rows(comps, ipi_rows, cpus_ipi):
    rows = []
    for c in comps:
        if c["id"] == THP_OFF:
            continue
        cells = [c["label"]]
        for n in cpus_ipi:
            r = next((x for x in ipi_rows if x["cpus"] == n and x["benchmark"] == THROUGHPUT
                      and x["comparator"] == c["id"]), None)
            cells.append("n/a" if r is None else r["missing"] or num(r["ipis_per_sec"], ".0f"))
        rows.append(cells)
    return rows


def markdown(meta, comps, ipi_rows, boot_rows, cpus_ipi, cpus_boot):
    """The README's form: per vCPU count, a benchmark per row and a
    comparator per column, 'median us (exits per IPI)'."""
    l1 = int(meta.get("l1_cpus", "2"))
    cs = [c for c in comps if c["id"] != THP_OFF]
    md = [f"Measured {meta.get('date', '?')} at {meta.get('version', '?')}; {meta.get('host', '')}. "
          f"guest.img `{meta.get('ipi_args', '?')}`, {meta.get('reps', '?')} interleaved runs per cell: "
          "median of the runs' median latency in µs (exits per IPI in brackets), and minivmm's "
          "ratio to each reference (below 1: faster).", ""]
    refs = [f"minivmm ÷ {next((c['label'] for c in cs if c['id'] == ref), ref)}" for ref, _ in REFS]
    for n in cpus_ipi:
        note = overcommit(n, l1)
        md += [f"**{n} vCPUs**" + (f" ({note})" if note else ""), ""]
        rows = []
        for bench in BENCHES:
            cells = [f"`{bench}`" + (" (µs per IPI)" if bench == THROUGHPUT else "")]
            mine = None
            for c in cs:
                r = next(x for x in ipi_rows if x["cpus"] == n and x["benchmark"] == bench
                         and x["comparator"] == c["id"])
                if c["id"] == "minivmm":
                    mine = r
                if r["missing"]:
                    cells.append(r["missing"])
                else:
                    e = f" ({r['exits_per_ipi']:.1f})" if r["exits_per_ipi"] is not None else ""
                    cells.append(f"{r['median_ns'] / 1000:,.0f}{e}")
            for ref, _ in REFS:
                v = mine["ratios"].get(ref) if mine else None
                cells.append(f"{v:.2f}" if v is not None else "")
            rows.append(cells)
        md += md_table(["benchmark"] + [c["label"] for c in cs] + refs, rows,
                       [False] + [True] * (len(cs) + len(REFS)))
    md += ["`ipi_all_to_all` throughput, IPIs per second (median of the runs):", ""]
    md += md_table(["comparator"] + [f"{n} vCPUs" for n in cpus_ipi], throughput_rows(comps, ipi_rows, cpus_ipi),
                   [False] + [True] * len(cpus_ipi))
    if not boot_rows:
        return md
    md += [f"Linux boot to `/init` and power-off, {meta.get('boot_reps', '?')} interleaved runs per cell: "
           "median uptime at `/init` in s (median wall time, VMM start to exit, in brackets):", ""]
    rows = []
    for n in cpus_boot:
        cells = [str(n) + ("*" if n > l1 else "")]
        mine = None
        for c in cs:
            r = next(x for x in boot_rows if x["cpus"] == n and x["comparator"] == c["id"])
            if c["id"] == "minivmm":
                mine = r
            cells.append(r["missing"] or f"{r['uptime_s']:.2f} ({r['wall_s']:.1f})")
        for ref, _ in REFS:
            v = mine["ratios"].get(ref) if mine else None
            cells.append(f"{v:.2f}" if v is not None else "")
        rows.append(cells)
    md += md_table(["vCPUs"] + [c["label"] for c in cs] + refs, rows, [True] * (1 + len(cs) + len(REFS)))
    if any(n > l1 for n in cpus_boot):
        md += [f"\\*: more vCPUs than the nested host's {l1} CPUs (overcommitted).", ""]
    return md


def thp_report(thp_rows):
    print("Linux boot on 1 vCPU under minivmm, guest RAM with and without transparent huge pages "
          "(runs interleaved with section 2's):")
    if not thp_rows:
        print("   n/a (no runs)")
    for r in thp_rows:
        if r["missing"]:
            print(f"   {r['mode']:<20} {r['missing']}")
            continue
        walls = " ".join(f"{v:.1f}" for v in r["wall_s"])
        exits = " ".join(str(v) for v in r["exits"] if v is not None)
        print(f"   {r['mode']:<20} wall {walls} s (median {med(r['wall_s']):.1f}), /init at "
              f"{med(r['uptime_s']):.2f} s, KVM exits {exits} (median {med(r['exits']):.0f})")
    print("   (exits: KVM's debugfs counters, snapshotted at the guest's last line)")


def write_files(outdir, meta, comps, runs, ipi_rows, boot_rows, thp_rows, md):
    doc = {"meta": meta, "definitions": DEFINITIONS, "comparators": comps,
           "ipi": ipi_rows, "boot": boot_rows, "thp": thp_rows, "runs": runs}
    with open(os.path.join(outdir, "bench.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
    ratio_fields = [f"ratio_{ref}" for ref, _ in REFS]
    fields = ["section", "cpus", "benchmark", "comparator", "label", "runs", "runs_with_figure",
              "min_ns", "median_ns", "p99_ns", "ipis_per_sec", "exits_per_ipi",
              "wall_s", "uptime_s"] + list(COUNTERS) + ratio_fields + ["missing"]
    with open(os.path.join(outdir, "bench.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fields, extrasaction="ignore")
        w.writeheader()
        for r in ipi_rows:
            w.writerow(dict(r, section="ipi", **{f"ratio_{k}": v for k, v in r["ratios"].items()}))
        for r in boot_rows:
            w.writerow(dict(r, section="boot", benchmark="linux_boot", runs_with_figure=r["runs_ok"],
                            **{f"ratio_{k}": v for k, v in r["ratios"].items()}))
    fields = ["run", "kind", "cpus", "rep", "comparator", "status", "rc", "wall_s", "uptime_s",
              "ipis_sent", "run_exits_per_ipi"] + [f"run_{k}" for k in COUNTERS] + \
             ["benchmark", "ipis", "min_ns", "median_ns", "p99_ns", "ns_per_ipi", "ipis_per_sec",
              "bench_exits", "exits_per_ipi", "exits_per_ipi_raw", "note"]
    with open(os.path.join(outdir, "bench-runs.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fields, extrasaction="ignore")
        w.writeheader()
        for r in runs:
            base = {"run": r["name"], "kind": r["kind"], "cpus": r["cpus"], "rep": r["rep"],
                    "comparator": r["comp"], "status": r["status"], "rc": r["rc"], "wall_s": r["wall_s"],
                    "uptime_s": r["uptime_s"], "ipis_sent": r["ipis_sent"],
                    "run_exits_per_ipi": r.get("exits_per_ipi"), "note": r["note"]}
            base.update({f"run_{k}": v for k, v in (r["counters"] or {}).items()})
            if not r["benches"]:
                w.writerow(base)
            for name, b in r["benches"].items():
                w.writerow(dict(base, benchmark=name, bench_exits=b.get("exits"),
                                **{k: b.get(k) for k in ("ipis", "min_ns", "median_ns", "p99_ns",
                                                         "ns_per_ipi", "ipis_per_sec", "exits_per_ipi",
                                                         "exits_per_ipi_raw")}))
    with open(os.path.join(outdir, "bench.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(md) + "\n")


def main(argv):
    thp_only = len(argv) == 2 and argv[0] == "--thp"
    if len(argv) != 1 and not thp_only:
        die("usage: bench-report.py [--thp] OUTDIR")
    outdir = argv[-1]
    meta = {r["key"]: r["value"] for r in read_tsv(os.path.join(outdir, "meta.tsv"), ("key", "value"))}
    comps = read_tsv(os.path.join(outdir, "comparators.tsv"), ("id", "label", "command"))
    runs = read_tsv(os.path.join(outdir, "runs.tsv"), ("name", "kind", "cpus", "rep", "comp"))
    for r in runs:
        r["cpus"], r["rep"] = int(r["cpus"]), int(r["rep"])
        r["label"] = next((c["label"] for c in comps if c["id"] == r["comp"]), r["comp"])
        r.update(parse_log(os.path.join(outdir, "logs", r["name"] + ".log"), r["kind"], r["cpus"]))
    cpus_ipi = sorted({r["cpus"] for r in runs if r["kind"] == "ipi"})
    cpus_boot = sorted({r["cpus"] for r in runs if r["kind"] == "boot"})
    ipi_rows, boot_rows, thp_rows = summarise(runs, comps, cpus_ipi, cpus_boot)
    if thp_only:
        thp_report(thp_rows)
        return

    print_text(meta, comps, ipi_rows, boot_rows, cpus_ipi)
    bad = [r for r in runs if r["status"] != "ok"]
    print(f"{len(runs) - len(bad)} of {len(runs)} runs gave a clean result" + (":" if bad else "."))
    for r in bad:
        print(f"   {r['name']}: {r['status']}{': ' + r['note'] if r['note'] else ''}")
    write_files(outdir, meta, comps, runs, ipi_rows, boot_rows, thp_rows,
                markdown(meta, comps, ipi_rows, boot_rows, cpus_ipi, cpus_boot))


if __name__ == "__main__":
    main(sys.argv[1:])
