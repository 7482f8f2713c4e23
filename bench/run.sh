#!/usr/bin/env bash
# The batch benchmark: a synthetic batch built from the corpus (each document
# a corpus text with figures and city names varied, so every file has its own
# hash), ingested by planx with 1 job and with every core, with and without
# the search index; next to it, in the same run, Debian's python3-jieba
# segmenting the same text and poppler's pdftotext -layout reading the corpus
# PDFs, which planx reads too.
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
MB=$(du -sm "$out/batch" | cut -f1)
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3)"
echo "batch: $N text documents, ${MB} MB"
echo
printf '| run | docs/s | MB/s | peak RSS | stages (read / extract / segment / store, s) |\n|---|---|---|---|---|\n'
for flags in "--jobs 1" "--jobs $CORES" "--jobs 1 --no-index" "--jobs $CORES --no-index"; do
	rm -f "$out/b.db"*
	s=$("$out/planx" ingest --quiet --stats $flags --db "$out/b.db" "$out/batch")
	line=$(echo "$s" | grep 'documents stored')
	stages=$(echo "$s" | grep '^stages' | sed 's/.*: //; s/read //; s/extract //; s/segment //; s/store //; s/,/ \//g; s/s / /g; s/s$//')
	rss=$(echo "$s" | grep 'peak RSS' | sed 's/peak RSS //')
	docs=$(echo "$line" | sed -E 's/.*: ([0-9.]+) docs\/s.*/\1/')
	mbs=$(echo "$line" | sed -E 's/.*docs\/s, ([0-9.]+) MB\/s.*/\1/')
	printf '| planx ingest %s | %s | %s | %s | %s |\n' "$flags" "$docs" "$mbs" "$rss" "$stages"
done
# re-run: every file unchanged, nothing extracted
s=$("$out/planx" ingest --quiet --stats --jobs "$CORES" --db "$out/b.db" "$out/batch" | grep 'unchanged')
echo
echo "re-run of the same batch: $s"
echo
printf '| segmenter, same text | MB/s |\n|---|---|\n'
go test -run '^$' -bench 'Cut' -benchtime 3x ./segment | awk '/^BenchmarkCut/ {for (i=1;i<=NF;i++) if ($(i+1)=="MB/s") printf "| %s | %s |\n", $1, $i}'
echo
printf '| PDF reader, corpus PDFs | pages/s |\n|---|---|\n'
go test -run '^$' -bench 'PDF' -benchtime 10x ./extract/pdf | awk '/^BenchmarkPDF/ {for (i=1;i<=NF;i++) if ($(i+1)=="pages/s") printf "| %s | %s |\n", $1, $i}'
