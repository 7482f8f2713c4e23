package structure

import (
	"math/rand"
	"strings"
	"testing"
	"time"

	"planx/extract/doc"
)

// linkNotesByPairs is linkNotes as it was written first, comparing every
// note with every marker: the reference the indexed version must agree with.
func linkNotesByPairs(notes []doc.Note, markers []marker) {
	norm := func(s string) string { return strings.Trim(squash(s), "“”\"") }
	for k := range notes {
		n := &notes[k]
		pick := -1
		if n.Term != "" {
			t := norm(n.Term)
			for i, m := range markers {
				a := norm(m.anchor)
				if m.used || a == "" || !(strings.HasSuffix(t, a) || strings.HasSuffix(a, t)) {
					continue
				}
				if pick < 0 || m.number == n.Number && markers[pick].number != n.Number {
					pick = i
				}
			}
		}
		if pick < 0 {
			for i, m := range markers {
				if !m.used && m.number == n.Number {
					pick = i
					break
				}
			}
		}
		if pick < 0 {
			continue
		}
		markers[pick].used = true
		n.Anchor = markers[pick].anchor
		n.Section = markers[pick].section
	}
}

// notesAndMarkers makes a glossary and body markers from real terms, with
// the misprints linkNotes must survive: numbers that do not match, anchors
// that are a longer phrase ending in the term or only the term's end,
// quotes, spaces, markers with no note and notes with no marker.
func notesAndMarkers(rng *rand.Rand, n int) ([]doc.Note, []marker) {
	terms := []string{"基本公共服务", "“一老一小”", "15分钟生活圈", "医联体", "智慧健康养老", "“放管服”改革", "婴幼儿照护", "普惠性幼儿园", "公共 服务"}
	var notes []doc.Note
	var markers []marker
	for i := 1; i <= n; i++ {
		t := terms[rng.Intn(len(terms))]
		term := t
		if rng.Intn(4) == 0 {
			term = ""
		}
		notes = append(notes, doc.Note{Number: i, Term: term, Definition: "定义", Section: -1})
		anchor := t
		switch rng.Intn(5) {
		case 0:
			anchor = "加快推进" + t
		case 1:
			r := []rune(t)
			anchor = string(r[len(r)/2:])
		case 2:
			anchor = ""
		}
		num := i
		if rng.Intn(6) == 0 {
			num = rng.Intn(n) + 1
		}
		if rng.Intn(8) != 0 {
			markers = append(markers, marker{number: num, anchor: anchor, section: rng.Intn(50)})
		}
	}
	rng.Shuffle(len(markers), func(i, j int) { markers[i], markers[j] = markers[j], markers[i] })
	return notes, markers
}

func TestLinkNotesAgreesWithPairs(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for round := 0; round < 200; round++ {
		notes, markers := notesAndMarkers(rng, 1+rng.Intn(40))
		a := append([]doc.Note(nil), notes...)
		b := append([]doc.Note(nil), notes...)
		linkNotes(a, append([]marker(nil), markers...))
		linkNotesByPairs(b, append([]marker(nil), markers...))
		for k := range notes {
			if a[k] != b[k] {
				t.Fatalf("round %d, note %d: %+v, want %+v", round, k, a[k], b[k])
			}
		}
	}
}

// Linking 40,000 notes (a glossary of a huge document) takes a fraction of
// a second; comparing every note with every marker took minutes.
func TestLinkNotesIsLinear(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	notes, markers := notesAndMarkers(rng, 40000)
	start := time.Now()
	linkNotes(notes, markers)
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("linking 40,000 notes took %v", el)
	}
}
