#!/usr/bin/env bash
# SQLite against PostgreSQL, in the same run: a synthetic batch (bench/gen)
# split into 1, 2 and 4 shares, each share ingested by its own planx ingest
# process at the same time into one database (with the search index, every
# process with --jobs 1 so that the processes, not the workers, share the
# cores); then the search latency of one planx search process on each
# engine, for queries of 1 to 4+ characters and with operators.
#
#   bench/pg.sh             # N=200 documents
#   N=100 bench/pg.sh       # quicker
#   PLANX_BENCH_POSTGRES=postgres://… bench/pg.sh   # an existing server
#                           # (its user creates and drops databases)
#
# Without PLANX_BENCH_POSTGRES a throw-away cluster is started with the
# server's default settings (fsync and synchronous_commit on: each
# document's commit waits for the disk).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-200}
export PGOPTIONS="-c client_min_messages=warning" # no NOTICE from DROP … IF EXISTS
out=$(mktemp -d)
chmod 755 "$out"
server=${PLANX_BENCH_POSTGRES:-}
cleanup() {
	if [ -z "${PLANX_BENCH_POSTGRES:-}" ] && [ -d "$out/pg" ]; then
		.ci/postgres stop "$out/pg" || true
	fi
	rm -rf "$out"
}
trap cleanup EXIT
if [ -z "$server" ]; then
	server=$(.ci/postgres start "$out/pg")
fi
go build -tags sqlite_fts5 -o "$out/planx" ./cmd/planx
go run ./bench/gen -n "$N" -out "$out/batch" -corpus corpus >/dev/null
BYTES=$(cat "$out"/batch/* | wc -c)
echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3), PostgreSQL $(psql -XAtq "$server" -c 'SHOW server_version' | cut -d' ' -f1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "batch: $N text documents, $(awk -v b="$BYTES" 'BEGIN {printf "%.1f", b / 1e6}') MB"
echo

# dburl NAME: the URL of database NAME on the server
dburl() {
	echo "$server" | sed -E "s#^(postgres(ql)?://[^/]*)/[^?]*#\1/$1#"
}

printf '| engine | processes | docs/s | MB/s | wall s |\n|---|---|---|---|---|\n'
for p in 1 2 4; do
	ls "$out"/batch/* | awk -v n="$p" -v d="$out" '{print > (d "/share" (NR % n))}'
	for engine in sqlite postgres; do
		if [ "$engine" = sqlite ]; then
			db="$out/b$p.db"
		else
			psql -XAtq "$server" -c "DROP DATABASE IF EXISTS planx_bench_$p" -c "CREATE DATABASE planx_bench_$p"
			db=$(dburl "planx_bench_$p")
		fi
		start=$(date +%s.%N)
		for s in "$out"/share*; do
			"$out/planx" ingest --quiet --jobs 1 --db "$db" - <"$s" >/dev/null &
		done
		wait
		end=$(date +%s.%N)
		stored=$("$out/planx" query --db "$db" --format csv "SELECT count(*) AS n FROM documents" | tail -1)
		[ "$stored" = "$N" ] || { echo "$engine, $p processes: $stored documents stored, want $N"; exit 1; }
		awk -v n="$N" -v b="$BYTES" -v s="$start" -v e="$end" -v eng="$engine" -v p="$p" \
			'BEGIN {w = e - s; printf "| %s | %d | %.1f | %.2f | %.1f |\n", eng, p, n / w, b / 1e6 / w, w}'
	done
	rm -f "$out"/share*
done

echo
lite="$out/b1.db"
pg=$(dburl planx_bench_1)
printf '| query | hits | SQLite ms | PostgreSQL ms |\n|---|---|---|---|\n'
for q in 的 发展 数字化 高质量发展 "产业 园区" "产业 OR 园区" "绿色 NOT 低碳" '"公共服务体系"'; do
	ms=()
	for db in "$lite" "$pg"; do
		"$out/planx" search --db "$db" --limit 20 "$q" >/dev/null # warm the caches
		start=$(date +%s%N)
		for i in 1 2 3 4 5; do
			"$out/planx" search --db "$db" --limit 20 "$q" >/dev/null
		done
		end=$(date +%s%N)
		ms+=($(((end - start) / 5000000)))
	done
	hits=$("$out/planx" search --db "$lite" --limit 1000000 --format csv "$q" | tail -n +2 | wc -l)
	printf '| %s | %s | %s | %s |\n' "$q" "$hits" "${ms[0]}" "${ms[1]}"
done
if [ -n "${PLANX_BENCH_POSTGRES:-}" ]; then
	for p in 1 2 4; do psql -XAtq "$server" -c "DROP DATABASE IF EXISTS planx_bench_$p"; done
fi
