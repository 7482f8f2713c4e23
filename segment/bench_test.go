package segment

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// Segmentation throughput on the corpus text, one goroutine and all cores,
// gse itself and Debian's python3-jieba on the same text in the same run:
//
//	go test -run '^$' -bench Cut -benchtime 5x ./segment
//
// Each reports MB/s.

func corpusText(b *testing.B) string {
	var sb strings.Builder
	for _, f := range []string{"../corpus/guangzhou-population-public-services-14th-fyp.txt", "../corpus/jiangmen-public-services-14th-fyp.txt"} {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(data)
	}
	return sb.String()
}

func BenchmarkCut(b *testing.B) {
	s, err := New()
	if err != nil {
		b.Fatal(err)
	}
	text := corpusText(b)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Cut(text)
	}
}

// BenchmarkCutGse is gse's own Cut (HMM) on the same text, for the ratio.
func BenchmarkCutGse(b *testing.B) {
	g := loadGse(b)
	text := corpusText(b)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g.Cut(text, true)
	}
}

// BenchmarkCutGseParallel is gse's Cut by paragraph on every core.
func BenchmarkCutGseParallel(b *testing.B) {
	g := loadGse(b)
	paras := strings.Split(corpusText(b), "\n")
	b.SetBytes(int64(len(corpusText(b))))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			for _, p := range paras {
				g.Cut(p, true)
			}
		}
	})
}

// BenchmarkCutHMM is planx's cut with gse's HMM (off by default).
func BenchmarkCutHMM(b *testing.B) {
	s, err := New()
	if err != nil {
		b.Fatal(err)
	}
	s.hmm = true
	text := corpusText(b)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Cut(text)
	}
}

func BenchmarkCutParallel(b *testing.B) {
	s, err := New()
	if err != nil {
		b.Fatal(err)
	}
	text := corpusText(b)
	paras := strings.Split(text, "\n")
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			for _, p := range paras {
				s.Cut(p)
			}
		}
	})
}

// BenchmarkCutJieba runs Debian's python3-jieba (HMM on, as planx) on the
// same text and reports its own timing of the cut, without start-up.
func BenchmarkCutJieba(b *testing.B) {
	py := "/usr/bin/python3"
	if exec.Command(py, "-c", "import jieba").Run() != nil {
		b.Skip("python3-jieba is not installed (apt-get install python3-jieba)")
	}
	text := corpusText(b)
	f, err := os.CreateTemp(b.TempDir(), "text")
	if err != nil {
		b.Fatal(err)
	}
	f.WriteString(text)
	f.Close()
	script := `import sys, time, jieba
jieba.setLogLevel(60); jieba.initialize()
t = open(sys.argv[1], encoding="utf-8").read(); n = int(sys.argv[2])
s = time.perf_counter()
for _ in range(n): list(jieba.cut(t, HMM=True))
print(len(t.encode()) * n / (time.perf_counter() - s) / 1e6)`
	b.ResetTimer()
	out, err := exec.Command(py, "-c", script, f.Name(), strconv.Itoa(b.N)).Output()
	if err != nil {
		b.Fatal(err)
	}
	mbs, err := strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(mbs, "MB/s")
}
