package loader

import (
	"fmt"
	"strings"
	"testing"

	"github.com/collabgraph/collabgraph/loader/lexicon"
	"github.com/collabgraph/collabgraph/loader/source"
)

// TestPatternExamples runs every rule of patterns.tsv on its own example
// sentence, through the whole rule pipeline, and requires the relations
// its expect column lists, credited to that rule.
func TestPatternExamples(t *testing.T) {
	r := baseRules()
	if len(r.patterns) == 0 {
		t.Fatal("patterns.tsv has no rules")
	}
	for _, p := range r.patterns {
		t.Run(p.Name, func(t *testing.T) {
			d, err := source.Parse(p.Name+".txt", []byte(p.Example+"\n"), source.Meta{Issuer: p.Issuer})
			if err != nil {
				t.Fatal(err)
			}
			x, err := r.extract(d)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			var all []string
			for _, f := range x.facts {
				s := fmt.Sprintf("%s %s %s", f.Kind, f.From.Name, f.To.Name)
				all = append(all, s+" ("+f.rule+")")
				if f.rule == "rule:"+p.Name {
					got[s] = true
				}
			}
			for _, want := range strings.Split(p.Expect, ";") {
				want = strings.Join(strings.Fields(want), " ")
				if !got[want] {
					t.Errorf("%q (pattern %s): no %s from rule:%s; found %v", p.Example, p.Source, want, p.Name, all)
				}
			}
		})
	}
}

// TestPatternSyntax: a malformed row is refused with its name and a reason.
func TestPatternSyntax(t *testing.T) {
	tr, st := lexicon.Triggers(), lexicon.StatusMarkers()
	for _, c := range []struct{ pattern, output, want string }{
		{"A=REGION '与' B=NOWHERE", "COOPERATES_WITH A B", "not an entity kind"},
		{"A=REGION @NOSUCH B=REGION", "COOPERATES_WITH A B", "no trigger or marker"},
		{"A=REGION … B=REGION", "COOPERATES_WITH A C", "not a capture"},
		{"A=REGION … B=REGION", "LIKES A B", "not a relation kind"},
		{"A=REGION A=REGION", "PART_OF A A", "capture A twice"},
		{"A=REGION ~ B=REGION", "PART_OF A B", "is not an element"},
	} {
		_, err := compilePattern("bad", c.pattern, c.output, tr, st)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "pattern bad") {
			t.Errorf("compilePattern(%q, %q) = %v, want an error saying %q", c.pattern, c.output, err, c.want)
		}
	}
}

// TestPatternEngine checks the language on its own, on a sentence written
// for it: a list capture closed by 等, a trigger by kind, a literal, a gap,
// and the issuer as an end.
func TestPatternEngine(t *testing.T) {
	r := *baseRules()
	p, err := compilePattern("list", "A+=INSTITUTION|ENTERPRISE ETC … '先后' @JOINS … B=ALLIANCE", "JOINS A B; COOPERATES_WITH ISSUER A", lexicon.Triggers(), lexicon.StatusMarkers())
	if err != nil {
		t.Fatal(err)
	}
	r.patterns = []*pattern{p}
	d, err := source.Parse("engine.txt", []byte("东南大学、同济大学等高校先后加入长三角研究型大学联盟。\n"), source.Meta{Issuer: "南京市"})
	if err != nil {
		t.Fatal(err)
	}
	x, err := r.extract(d)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, f := range x.facts {
		if f.rule == "rule:list" {
			got[fmt.Sprintf("%s %s %s", f.Kind, f.From.Name, f.To.Name)] = true
		}
	}
	for _, want := range []string{
		"JOINS 东南大学 长三角研究型大学联盟", "JOINS 同济大学 长三角研究型大学联盟",
		"COOPERATES_WITH 南京市 东南大学", "COOPERATES_WITH 南京市 同济大学",
	} {
		if !got[want] {
			t.Errorf("no %s from the pattern; got %v", want, got)
		}
	}
}
