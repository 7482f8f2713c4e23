package schema

import "testing"

func TestRebind(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"placeholders", "SELECT id FROM documents WHERE sha256 = ? AND id > ?", "SELECT id FROM documents WHERE sha256 = $1 AND id > $2"},
		{"numbered", "WHERE n.term LIKE '%' || ?1 || '%' OR n.anchor LIKE ?1", "WHERE n.term ILIKE '%' || $1 || '%' OR n.anchor ILIKE $1"},
		{"quoted", `SELECT '?', "LIKE?", x FROM t WHERE y = ? -- ? LIKE`, `SELECT '?', "LIKE?", x FROM t WHERE y = $1 -- ? LIKE`},
		{"words", "SELECT likeness, ilike_col FROM t WHERE a ILIKE ? AND b like ?", "SELECT likeness, ilike_col FROM t WHERE a ILIKE $1 AND b ILIKE $2"},
		{"dollar", "SELECT $1 WHERE x = $2", "SELECT $1 WHERE x = $2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rebind(tt.in); got != tt.want {
				t.Errorf("rebind(%q)\n = %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestIsPostgres(t *testing.T) {
	for in, want := range map[string]bool{"postgres://u@h/db": true, "postgresql:///db?host=/tmp": true, "plans.db": false, "postgres.db": false} {
		if IsPostgres(in) != want {
			t.Errorf("IsPostgres(%q) = %v", in, !want)
		}
	}
}

func TestRedact(t *testing.T) {
	if got := redact("postgres://ann:secret@db.example/plans"); got != "postgres://ann:***@db.example/plans" {
		t.Errorf("redact = %q", got)
	}
}
