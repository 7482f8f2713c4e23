package segment

import "testing"

// BenchmarkNew is the cost of loading the dictionaries.
func BenchmarkNew(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}
