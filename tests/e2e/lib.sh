# SPDX-License-Identifier: GPL-2.0
# Helpers for the commands in tests.list; sourced by run-list.sh (busybox ash
# inside the nested host, or bash on an arm64 KVM host). Patterns are matched
# against output with carriage returns removed (serial consoles print CRLF).

# expect_status CODE CMD...: CMD must exit with CODE.
expect_status() {
	want=$1; shift
	"$@"; got=$?
	if [ "$got" -ne "$want" ]; then
		echo "FAIL: '$*' exited $got, expected $want"
		return 1
	fi
	return 0
}

# run_captured CMD...: run CMD with its output (stdout and stderr) streamed,
# so a test killed on timeout still shows it, and kept in $out; $got is
# CMD's status (kept in a file: a pipeline's status is tee's).
run_captured() {
	cap=$(mktemp)
	{ "$@" 2>&1; echo $? > "$cap.rc"; } | tee "$cap"
	got=$(cat "$cap.rc")
	out=$(tr -d '\r' < "$cap")
	rm -f "$cap" "$cap.rc"
}

# expect_output STATUS PATTERN CMD...: CMD exits STATUS and its output
# (stdout and stderr) matches the extended regex PATTERN.
expect_output() {
	want=$1; pattern=$2; shift 2
	run_captured "$@"
	if [ "$got" -ne "$want" ]; then
		echo "FAIL: '$*' exited $got, expected $want"
		return 1
	fi
	if ! printf '%s\n' "$out" | grep -Eq -- "$pattern"; then
		echo "FAIL: output of '$*' does not match /$pattern/"
		return 1
	fi
	return 0
}

# expect_count N PATTERN CMD...: CMD exits 0 and exactly N output lines match PATTERN.
expect_count() {
	want=$1; pattern=$2; shift 2
	run_captured "$@"
	n=$(printf '%s\n' "$out" | grep -Ec -- "$pattern")
	if [ "$got" -ne 0 ] || [ "$n" -ne "$want" ]; then
		echo "FAIL: '$*' exited $got with $n lines matching /$pattern/, expected 0 and $want"
		return 1
	fi
	return 0
}

# expect_sgi_stats N: the sgi guest on N vCPUs with --stats=json; minivmm's
# own accounting must agree with what the guest counted itself: per CPU,
# the SGIs it sent (as source) and took (as target), and, since the guest
# passes only when every SGI sent is taken once, every (SGI, source,
# target) pair must show sent = acked = completed, nothing coalesced or
# cleared. Also the JSON must end (the file is complete).
expect_sgi_stats() {
	n=$1
	json=$(mktemp)
	expect_output 0 "^sgi: ok cpus=$n " ./minivmm -c "$n" --stats=json "$json" e2e/sgi.img || return 1
	guest=$(printf '%s\n' "$out" | grep -E '^sgi: +[0-9]+ +[0-9]+ +[0-9]+ ')
	verdict=$(printf '%s\n---\n' "$guest" | cat - "$json" | awk -v n="$n" '
		function field(name,   m) {
			if (match($0, "\"" name "\": [0-9]+")) {
				m = substr($0, RSTART, RLENGTH); sub(/.*: /, "", m); return m + 0
			}
			return -1
		}
		/^sgi:/ { g_sent[$2] = $3; g_taken[$2] = $4; next }
		/^---$/ { injson = 1; next }
		injson && /"src":/ {
			s = field("src"); d = field("dst")
			sent = field("sent"); acked = field("acked"); done = field("completed")
			if (sent != acked || acked != done || field("coalesced") || field("cleared"))
				bad = bad " pair " s ">" d " sgi " field("sgi") ": " $0
			m_sent[s] += sent; m_taken[d] += acked; pairs++
		}
		injson && /"gic_exits_per_ipi"/ { ended = 1 }
		END {
			for (c = 0; c < n; c++)
				if (g_sent[c] != m_sent[c] + 0 || g_taken[c] != m_taken[c] + 0)
					bad = bad " cpu " c ": guest sent/took " g_sent[c] "/" g_taken[c] \
					      ", minivmm " m_sent[c] + 0 "/" m_taken[c] + 0
			if (!ended) bad = bad " JSON incomplete"
			if (!pairs) bad = bad " no SGI pairs in the JSON"
			print bad ? "FAIL:" bad : "ok " pairs " pairs"
		}')
	rm -f "$json"
	echo "stats: $verdict"
	case $verdict in ok*) return 0 ;; *) return 1 ;; esac
}

# expect_storm_stats N IPIS [OPTION...]: guest.img's all-CPU IPI storm of IPIS
# SGIs on N vCPUs with the timer ticking (a minute or so nested), then
# minivmm's --stats=json must be exact: every ordered pair of CPUs sent,
# acknowledged and completed as many of the storm's SGI (7), none coalesced
# or cleared, IPIS in all. With --line-drop among the OPTIONs, some raises
# must have been skipped (and repaired).
expect_storm_stats() {
	n=$1 ipis=$2
	shift 2
	case " $* " in *" --line-drop="*) drops=1 ;; *) drops=0 ;; esac
	json=$(mktemp)
	expect_output 0 '^2 passed, 0 failed$' ./minivmm -c "$n" --stats=json "$json" "$@" guest.img \
		-a "timer storm storm=$ipis" || { rm -f "$json"; return 1; }
	verdict=$(awk -v n="$n" -v ipis="$ipis" -v drops="$drops" '
		function field(name,   m) {
			if (match($0, "\"" name "\": [0-9]+")) {
				m = substr($0, RSTART, RLENGTH); sub(/.*: /, "", m); return m + 0
			}
			return -1
		}
		/"line_dropped":/ { dropped = field("line_dropped") }
		/"sgi": 7,/ {
			pairs++
			sent = field("sent"); total += sent
			if (field("acked") != sent || field("completed") != sent ||
			    field("coalesced") || field("cleared"))
				bad = bad " " $0
		}
		END {
			if (pairs != n * (n - 1)) bad = bad " " pairs + 0 " storm pairs, not " n * (n - 1)
			if (total != ipis) bad = bad " " total + 0 " storm SGIs, not " ipis
			if (drops && dropped <= 0) bad = bad " --line-drop skipped no raise"
			print bad ? "FAIL:" bad : "ok " pairs " pairs, " total " SGIs, " dropped + 0 " raises dropped"
		}' "$json")
	rm -f "$json"
	echo "storm stats: $verdict"
	case $verdict in ok*) return 0 ;; *) return 1 ;; esac
}

# expect_sgi_trace N: the sgi guest on N vCPUs with --trace (CSV) and
# --stats=json. Per (target, source, SGI) the trace's sends (pend +
# coalesced) and acknowledges must equal --stats' sent and acked, and per CPU
# what the guest itself counted; every acknowledge of an SGI must consume a
# send made no later, to that target from that source, named by its flow id.
# Then a JSON trace of the same guest is printed between markers, for the
# host's checks (tests/plot/run.sh parses it and plots it).
expect_sgi_trace() {
	n=$1
	csv=$(mktemp) json=$(mktemp) trace=$(mktemp)
	expect_output 0 "^sgi: ok cpus=$n " ./minivmm -c "$n" --trace "$csv" --trace-format=csv \
		--stats=json "$json" e2e/sgi.img || return 1
	guest=$(printf '%s\n' "$out" | grep -E '^sgi: +[0-9]+ +[0-9]+ +[0-9]+ ')
	verdict=$(printf '%s\n---\n' "$guest" | cat - "$json" | awk -F, -v n="$n" '
		function field(name,   m) {
			if (match($0, "\"" name "\": [0-9]+")) {
				m = substr($0, RSTART, RLENGTH); sub(/.*: /, "", m); return m + 0
			}
			return -1
		}
		pass == 9 && /^sgi:/ { split($0, g, / +/); g_sent[g[2]] = g[3]; g_taken[g[2]] = g[4]; next }
		pass == 9 && /"src":/ {
			k = field("dst") " " field("src") " " field("sgi")
			s_sent[k] = field("sent"); s_acked[k] = field("acked"); next
		}
		pass == 9 { next }
		FNR == 1 && $0 != "# minivmm trace v1" { bad = bad " no trace header" }
		FNR <= 2 { next }
		pass == 0 && $2 == "pend" { pend_key[$8] = $3 " " $4 " " $5; pend_ts[$8] = $1 }
		pass == 0 { if (FNR > 2) lines++; next }
		$2 == "sgir" { sgirs++ }
		$2 == "pend" || $2 == "coalesced" { t_sent[$3 " " $4 " " $5]++; by_src[$4]++ }
		$2 == "ack" && $5 < 16 {
			k = $3 " " $4 " " $5; t_acked[k]++; by_dst[$3]++
			if (!($8 in pend_key) || pend_key[$8] != k || pend_ts[$8] > $1)
				{ if (orphans++ < 3) bad = bad " ack without its send: " $0 }
			delete pend_key[$8]
		}
		END {
			for (k in s_sent)
				if (s_sent[k] != t_sent[k] + 0 || s_acked[k] != t_acked[k] + 0)
					bad = bad " pair " k ": stats " s_sent[k] "/" s_acked[k] ", trace " t_sent[k] + 0 "/" t_acked[k] + 0
			for (k in t_sent) if (!(k in s_sent)) bad = bad " trace-only pair " k
			for (c = 0; c < n; c++)
				if (g_sent[c] != by_src[c] + 0 || g_taken[c] != by_dst[c] + 0)
					bad = bad " cpu " c ": guest sent/took " g_sent[c] "/" g_taken[c] ", trace " by_src[c] + 0 "/" by_dst[c] + 0
			if (!sgirs) bad = bad " no SGIR in the trace"
			print bad ? "FAIL:" bad : "ok " lines " events, " sgirs " SGIRs"
		}' pass=9 - pass=0 "$csv" pass=1 "$csv")
	echo "trace: $verdict"
	rm -f "$csv" "$json"
	case $verdict in ok*) ;; *) rm -f "$trace"; return 1 ;; esac
	expect_output 0 "^sgi: ok cpus=$n " ./minivmm -c "$n" --trace "$trace" e2e/sgi.img || { rm -f "$trace"; return 1; }
	echo "==== trace json begin"
	cat "$trace"
	echo "==== trace json end"
	rm -f "$trace"
}

# expect_sgi_delay USEC: guest.img's IPI round trip (SGI 7, the first IPI the
# guest allocates after arm64's seven) without and with --sgi-delay 7=USEC.
# Both legs of a round trip are held, so every delayed round trip takes at
# least 2*USEC, and the undelayed ones less.
expect_sgi_delay() {
	d=$1
	for run in base delayed; do
		if [ $run = base ]; then set -- ; else set -- --sgi-delay "7=$d"; fi
		expect_output 0 '^bench ipi_roundtrip ' ./minivmm -c 2 "$@" guest.img -a 'bench_ipi_roundtrip iters=5' ||
			return 1
		min=$(printf '%s\n' "$out" | sed -n 's/^bench ipi_roundtrip .*min_ns=\([0-9]*\).*/\1/p')
		eval "min_$run=\${min:-0}"
	done
	echo "sgi-delay: round trip min ${min_base} ns, with ${d} us on SGI 7: ${min_delayed} ns"
	[ "$min_delayed" -ge $((2 * d * 1000)) ] && [ "$min_base" -lt $((2 * d * 1000)) ]
}
