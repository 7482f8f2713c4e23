// Command gen writes a synthetic batch of plan documents for the batch
// benchmark: each is one of the corpus texts with some of its figures and
// its city name varied, so that every file has its own hash and the batch
// has the shape of real plans.
//
//	go run ./bench/gen -n 1000 -out /tmp/batch
package main

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	n := flag.Int("n", 1000, "documents to write")
	out := flag.String("out", "batch", "output directory")
	corpus := flag.String("corpus", "corpus", "directory of the seed texts (*.txt)")
	flag.Parse()
	seeds, _ := filepath.Glob(filepath.Join(*corpus, "*.txt"))
	if len(seeds) == 0 {
		fmt.Fprintln(os.Stderr, "gen: no seed texts in", *corpus)
		os.Exit(2)
	}
	var texts []string
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(2)
		}
		texts = append(texts, string(b))
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(2)
	}
	cities := []string{"佛山", "东莞", "中山", "珠海", "惠州", "肇庆", "清远", "韶关", "湛江", "茂名"}
	for i := 0; i < *n; i++ {
		rng := rand.New(rand.NewSource(int64(i)))
		t := texts[i%len(texts)]
		city := cities[rng.Intn(len(cities))]
		t = strings.NewReplacer("广州", city, "江门", city).Replace(t)
		b := []byte(t)
		for k := range b {
			if b[k] >= '0' && b[k] <= '9' && rng.Intn(8) == 0 {
				b[k] = '0' + byte(rng.Intn(10))
			}
		}
		name := filepath.Join(*out, fmt.Sprintf("plan-%05d.txt", i))
		if err := os.WriteFile(name, b, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(2)
		}
	}
}
