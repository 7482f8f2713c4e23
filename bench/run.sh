#!/usr/bin/env bash
# The batch benchmark: a synthetic batch built from the corpus (each document
# a corpus text with figures and city names varied, so every file has its own
# hash), ingested by planx with and without the search index, then re-run;
# next to it, in the same run, Debian's python3-jieba segmenting the same
# bytes, gse's own segmentation, and poppler's pdftotext -layout reading the
# corpus PDFs, which planx reads too. The machine may be shared: the load
# average is printed, and the ratios (planx against jieba and gse measured
# minutes apart) mean more than the absolute figures.
#
#   bench/run.sh            # N=1000 documents
#   N=200 bench/run.sh      # a quicker run
#
# Needs Go and a C compiler; python3-jieba and poppler-utils are optional
# (apt-get install python3-jieba poppler-utils): their rows are left out
# where they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}
CORES=$(nproc)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
go build -tags sqlite_fts5 -o "$out/planx" ./cmd/planx
go run ./bench/gen -n "$N" -out "$out/batch" -corpus corpus
BYTES=$(cat "$out"/batch/* | wc -c)
MB=$(awk -v b="$BYTES" 'BEGIN {printf "%.1f", b / 1e6}')
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "batch: $N text documents, ${MB} MB"
echo
printf '| run | docs/s | MB/s | CPU s | MB per CPU s | peak RSS | database | stages (read / extract / segment / store, s) |\n|---|---|---|---|---|---|---|---|\n'
declare -A speed size cpums
for flags in "--jobs $CORES" "--jobs $CORES --no-index" "--jobs 1"; do
	rm -f "$out/b.db"*
	s=$( { /usr/bin/time -f 'cpu %U %S' "$out/planx" ingest --quiet --stats $flags --db "$out/b.db" "$out/batch"; } 2>&1)
	line=$(echo "$s" | grep 'documents stored')
	stages=$(echo "$s" | grep '^stages' | sed 's/.*: //; s/read //; s/extract //; s/segment //; s/store //; s/,/ \//g; s/s / /g; s/s$//')
	rss=$(echo "$s" | grep 'peak RSS' | sed 's/peak RSS //')
	cpu=$(echo "$s" | awk '/^cpu/ {printf "%.1f", $2 + $3}')
	docs=$(echo "$line" | sed -E 's/.*: ([0-9.]+) docs\/s.*/\1/')
	mbs=$(echo "$line" | sed -E 's/.*docs\/s, ([0-9.]+) MB\/s.*/\1/')
	dbmb=$(du -m "$out/b.db" | cut -f1)
	speed[$flags]=$mbs
	size[$flags]=$dbmb
	cpums[$flags]=$(awk -v b="$BYTES" -v c="$cpu" 'BEGIN {printf "%.2f", b / 1e6 / c}')
	printf '| planx ingest %s | %s | %s | %s | %s | %s | %s MB | %s |\n' "$flags" "$docs" "$mbs" "$cpu" "${cpums[$flags]}" "$rss" "$dbmb" "$stages"
	if [ "$flags" = "--jobs $CORES" ]; then
		cp "$out/b.db" "$out/indexed.db"
	fi
done
# re-run: every file unchanged, nothing extracted, no dictionary loaded
rm -f "$out/b.db"*
cp "$out/indexed.db" "$out/b.db"
s=$( { /usr/bin/time -f 'rerun %e %U %S' "$out/planx" ingest --quiet --jobs "$CORES" --db "$out/b.db" "$out/batch"; } 2>&1)
echo
echo "re-run of the same batch: $(echo "$s" | grep unchanged) in $(echo "$s" | awk '/^rerun/ {printf "%.2f s (%.2f CPU s)", $2, $3 + $4}')"
echo "database with the index: ${size[--jobs $CORES]} MB, without: ${size[--jobs $CORES --no-index]} MB ($(awk -v a="${size[--jobs $CORES]}" -v b="${size[--jobs $CORES --no-index]}" 'BEGIN {printf "%.2f", a / b}')×)"
echo
printf '| segmenter, same run | MB/s | MB per CPU s | planx ingest with the index, %s cores, is (by MB/s; by CPU) |\n|---|---|---|---|\n' "$CORES"
ingest=${speed[--jobs $CORES]}
icpu=${cpums[--jobs $CORES]}
if /usr/bin/python3 -c 'import jieba' 2>/dev/null; then
	# jieba (HMM on, its default) on the same bytes, one process per core,
	# timed by itself without start-up and dictionary loading: wall clock
	# and the process's CPU time
	ls "$out"/batch/* | awk -v n="$CORES" '{print > ("'"$out"'/part" (NR % n))}'
	read -r mbs mbc < <(for p in "$out"/part*; do
		/usr/bin/python3 -c '
import sys, time, jieba
jieba.setLogLevel(60); jieba.initialize()
files = open(sys.argv[1]).read().split()
texts = [open(f, encoding="utf-8").read() for f in files]
s, c = time.perf_counter(), time.process_time()
for t in texts: list(jieba.cut(t, HMM=True))
print(sum(len(t.encode()) for t in texts), time.perf_counter() - s, time.process_time() - c)' "$p" &
	done | awk '{b += $1; c += $3; if ($2 > t) t = $2} END {printf "%.2f %.2f\n", b / t / 1e6, b / c / 1e6}'; wait)
	printf '| python3-jieba (HMM), %s processes, the batch | %s | %s | %.1f×; %.1f× |\n' "$CORES" "$mbs" "$mbc" \
		"$(awk -v a="$ingest" -v b="$mbs" 'BEGIN {print a / b}')" "$(awk -v a="$icpu" -v b="$mbc" 'BEGIN {print a / b}')"
fi
go test -run '^$' -bench 'Cut(Parallel|GseParallel)$' -benchtime 3x ./segment | awk -v ing="$ingest" '/^BenchmarkCut/ {for (i=1;i<=NF;i++) if ($(i+1)=="MB/s") printf "| %s (corpus texts by paragraph) | %s | | %.0f%% |\n", $1, $i, 100 * ing / $i}'
echo
# the single writer alone (schema.BenchmarkWriter): the same kind of batch
# (the corpus texts, extracted and cut beforehand) stored by the code
# ingest's writer runs, without and with the index, and the index's rows
# alone; its MB/s is the ceiling of ingest, whatever the workers do
printf '| writer alone, 200 documents of the corpus texts | MB/s | CPU s |\n|---|---|---|\n'
go test -tags sqlite_fts5 -run '^$' -bench 'Writer/^(rows|rows\+keywords|rows\+index|fts-batch)$' -benchtime 1x ./schema |
	awk '/^BenchmarkWriter/ {for (i=1;i<=NF;i++) {if ($(i+1)=="MB/s") m=$i; if ($(i+1)=="cpu-s/op") c=$i}; printf "| %s | %s | %.2f |\n", $1, m, c}'
echo
printf '| PDF reader, corpus PDFs | pages/s |\n|---|---|\n'
go test -run '^$' -bench 'PDF' -benchtime 10x ./extract/pdf | awk '/^BenchmarkPDF/ {for (i=1;i<=NF;i++) if ($(i+1)=="pages/s") printf "| %s | %s |\n", $1, $i}'
