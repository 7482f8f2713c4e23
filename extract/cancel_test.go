package extract_test

import (
	"context"
	"errors"
	"os"
	"testing"

	"planx/extract"
)

// A cancelled context stops the extraction with the context's error, so a
// per-document timeout frees the work instead of abandoning it.
func TestExtractCancelled(t *testing.T) {
	data, err := os.ReadFile("../corpus/jiangmen-public-services-14th-fyp.txt")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := extract.Extract(ctx, "jiangmen.txt", data); !errors.Is(err, context.Canceled) {
		t.Errorf("Extract with a cancelled context: err %v, want context.Canceled", err)
	}
	if d, err := extract.Extract(context.Background(), "jiangmen.txt", data); err != nil || len(d.Sections) == 0 {
		t.Errorf("Extract: %v, %d sections", err, len(d.Sections))
	}
}
