package planx

import (
	"context"
	"testing"
	"time"
)

// Two large documents are not held at once: the second waits until the
// first is done; the document the writer needs next never waits; small
// documents pass side by side; a cancelled batch stops waiting.
func TestMemoryBudget(t *testing.T) {
	const big = 50 << 20
	var m memoryBudget
	ctx := context.Background()
	if err := m.acquire(ctx, 0, big); err != nil {
		t.Fatal(err)
	}
	admitted := make(chan error, 1)
	go func() { admitted <- m.acquire(ctx, 1, big) }()
	select {
	case err := <-admitted:
		t.Fatalf("a second 50 MB document admitted beside the first (%v)", err)
	case <-time.After(50 * time.Millisecond):
	}
	m.add(-big) // the first is stored
	if err := <-admitted; err != nil {
		t.Fatal(err)
	}

	// the writer waits for index 2: it passes, whatever is in flight
	m.advance(2)
	done := make(chan error, 1)
	go func() { done <- m.acquire(ctx, 2, big) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the document the writer needs next waited")
	}

	// small documents still pass beside large ones until the bound
	var s memoryBudget
	for i := 0; i < 4; i++ {
		if err := s.acquire(ctx, i+10, 1<<20); err != nil {
			t.Fatal(err)
		}
	}
	if s.inflight != 4<<20 {
		t.Errorf("in flight %d, want 4 MB", s.inflight)
	}

	cctx, cancel := context.WithCancel(ctx)
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	if err := m.acquire(cctx, 7, big); err == nil {
		t.Error("a cancelled wait was admitted")
	}
}
