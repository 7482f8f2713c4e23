// Command gen writes the hostile-input suite (see package hostile) into a
// directory: go run ./bench/hostile/gen -out /tmp/hostile
package main

import (
	"flag"
	"fmt"
	"os"

	"planx/bench/hostile"
)

func main() {
	out := flag.String("out", "", "directory to write the cases into (created)")
	seed := flag.String("seed", "corpus/jiangmen-public-services-14th-fyp.txt", "a plan in UTF-8 text the text cases are made of")
	scale := flag.Float64("scale", 1, "size of the large cases, 1 = the sizes of the issue")
	flag.Parse()
	if *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	data, err := os.ReadFile(*seed)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	cases, err := hostile.Write(*out, data, *scale)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	for _, c := range cases {
		fmt.Printf("%-28s %s\n", c.Name, c.About)
	}
}
