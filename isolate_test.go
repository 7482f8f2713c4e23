package planx

import (
	"bytes"
	"context"
	"os"
	"reflect"
	"testing"

	"planx/extract"
)

// The document a child sends comes back whole, and a stream cut short (a
// child that died while writing) is an error, not a shorter document.
func TestDocStream(t *testing.T) {
	for _, name := range []string{
		"corpus/guangzhou-population-public-services-14th-fyp.txt",
		"corpus/jiangmen-public-services-14th-fyp.txt",
	} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		d, err := extract.Extract(context.Background(), name, data)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Paragraphs) == 0 || len(d.Measures) == 0 || len(d.Tables) == 0 {
			t.Fatalf("%s: no paragraphs, measures or tables to send", name)
		}
		var buf bytes.Buffer
		if err := writeDoc(&buf, d); err != nil {
			t.Fatal(err)
		}
		sent := buf.Bytes()
		got, err := readDoc(bytes.NewReader(sent))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, d) {
			t.Errorf("%s: the document read back differs from the one sent", name)
		}
		for _, cut := range []int{len(sent) / 10, len(sent) / 2, len(sent) - 1} {
			if _, err := readDoc(bytes.NewReader(sent[:cut])); err == nil {
				t.Errorf("%s: a stream cut at %d of %d bytes read without an error", name, cut, len(sent))
			}
		}
	}
}
