package loader

import (
	"testing"

	"github.com/collabgraph/collabgraph/loader/source"
)

func TestTrie(t *testing.T) {
	tr := newTrie[string]()
	for _, w := range []string{"G60", "G60科创走廊", "科创走廊"} {
		tr.add([]rune(w), w)
	}
	text := []rune("共建共享g60科创走廊")
	tests := []struct {
		at, limit int
		want      string
	}{
		{4, len(text), "G60科创走廊"}, // longest, ASCII case ignored
		{4, 7, "G60"},             // limited to the clause
		{7, len(text), "科创走廊"},
		{0, len(text), ""},
	}
	for _, tt := range tests {
		end, vals := tr.longest(text, tt.at, tt.limit)
		got := ""
		if end >= 0 {
			got = vals[0]
		}
		if got != tt.want {
			t.Errorf("longest(%q, %d, %d) = %q, want %q", string(text), tt.at, tt.limit, got, tt.want)
		}
	}
	back := newTrie[struct{}]()
	back.add(reversed("建设"), struct{}{})
	if s, _ := back.longestBack([]rune("加快建设钱塘"), 4, 0); s != 2 {
		t.Errorf("longestBack found a word starting at %d, want 2", s)
	}
	if s, _ := back.longestBack([]rune("加快建设钱塘"), 4, 3); s != -1 {
		t.Errorf("longestBack ignored its floor: %d", s)
	}
}

// TestLongClause checks that a clause of thousands of characters without
// punctuation is cut into pieces that cover it exactly, so no stage sees
// more than maxClause code points at once.
func TestLongClause(t *testing.T) {
	r := lexiconRules()
	var b []rune
	for len(b) < 5*maxClause {
		b = append(b, []rune("推进临平在城西科创大走廊核心区未来科技城设立科创飞地并")...)
	}
	d := seedLike(string(b))
	x, err := r.extract(d)
	if err != nil {
		t.Fatal(err)
	}
	if x.stats.Clauses < 5 {
		t.Errorf("%d clauses for %d code points", x.stats.Clauses, len(b))
	}
	for _, f := range x.facts {
		if f.End-f.Start > maxClause {
			t.Errorf("evidence of %d code points", f.End-f.Start)
		}
	}
}

// seedLike reads text as source would read a file holding it.
func seedLike(text string) *source.Document {
	d, err := source.Parse("long.txt", []byte(text), source.Meta{})
	if err != nil {
		panic(err)
	}
	return d
}
