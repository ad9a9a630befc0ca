package lexicon

import (
	"testing"

	"github.com/collabgraph/collabgraph/graph"
)

// TestExtractLists parses every extraction list (a malformed row panics)
// and checks what the loader relies on.
func TestExtractLists(t *testing.T) {
	seen := map[string]bool{}
	kinds := map[string]bool{}
	for _, tr := range Triggers() {
		key := tr.Kind + "\t" + tr.Word + "\t" + tr.Side
		if seen[key] {
			t.Errorf("triggers.tsv: %q twice", key)
		}
		seen[key] = true
		kinds[tr.Kind] = true
	}
	for _, k := range graph.RelationKinds {
		if !kinds[string(k)] {
			t.Errorf("triggers.tsv: no trigger for %s", k)
		}
	}
	if !kinds[RolePartner] || !kinds[RoleAt] || !kinds[RoleActor] {
		t.Error("triggers.tsv: the PARTNER, AT and ACTOR roles need a word each")
	}
	statuses := map[graph.Status]int{}
	for _, m := range StatusMarkers() {
		statuses[m.Status]++
	}
	if statuses[graph.Planned] == 0 || statuses[graph.Established] == 0 {
		t.Errorf("status.tsv: markers by status %v", statuses)
	}
	if len(SectionMarkers()) == 0 || len(NameVariants()) == 0 || len(Verbs()) < 1000 {
		t.Error("sections.tsv, variants.tsv or verbs.tsv is nearly empty")
	}
	heads := map[string]bool{}
	for _, s := range Suffixes() {
		if s.Word == "" {
			t.Error("suffixes.tsv: an empty head")
		}
		heads[s.Kind] = true
	}
	for _, k := range []graph.Kind{graph.Corridor, graph.Platform, graph.Institution, graph.Enterprise, graph.Alliance, graph.Enclave} {
		if !heads[string(k)] {
			t.Errorf("suffixes.tsv: no head of kind %s", k)
		}
	}
	roles := map[string]int{}
	for _, b := range BoundaryWords() {
		roles[b.Role]++
	}
	for _, r := range []string{"stop", "generic", "classifier", "numeral", "separator", "etc", "rank", "scope", "tail", "possessive", "inner", "coordinator"} {
		if roles[r] == 0 {
			t.Errorf("boundaries.tsv: no word of role %s", r)
		}
	}
}
