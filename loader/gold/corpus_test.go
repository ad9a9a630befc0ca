package gold_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/collabgraph/collabgraph/loader/gold"
)

var corpusDir = filepath.Join("..", "..", "corpus")

// SyntheticPrefix starts the id of a document written for training.
const SyntheticPrefix = "synthetic_"

var updateSources = flag.Bool("update-sources", false, "rewrite corpus/SOURCES.md from sources/*.tsv and split.tsv")

var updateSplit = flag.Bool("update-split", false, "assign documents without a split (the first time by hash; later ones to train)")

// The shares of the first split: test must hold at least 30 documents.
const (
	testShare = 0.28
	devShare  = 0.20
)

// TestCorpus checks every file of corpus/ against corpus/ANNOTATING.md and
// prints what the corpus holds, so that a broken row is named by file and
// line before anything learns from it.
func TestCorpus(t *testing.T) {
	c, errs := gold.ReadCorpus(corpusDir)
	if c == nil {
		t.Fatal(errs)
	}
	if *updateSplit {
		writeSplit(t, c)
		c, errs = gold.ReadCorpus(corpusDir)
	}
	for _, err := range errs {
		t.Error(err)
	}
	table := gold.SourcesTable(c)
	path := filepath.Join(corpusDir, gold.SourcesFile)
	if *updateSources || *updateSplit {
		if err := os.WriteFile(path, []byte(table), 0o644); err != nil {
			t.Fatal(err)
		}
	} else if b, err := os.ReadFile(path); err != nil || string(b) != table {
		t.Errorf("%s is stale: run go test ./loader/gold -run TestCorpus -update-sources", path)
	}
	for _, id := range c.IDs() {
		// Sentences written for training teach; they never measure.
		if strings.HasPrefix(id, SyntheticPrefix) && c.Split[id] != "" && c.Split[id] != gold.Train {
			t.Errorf("corpus/docs/%s.txt: a synthetic document in the %s split; synthetic documents are train only", id, c.Split[id])
		}
		if c.First[id] == nil {
			t.Errorf("corpus/docs/%s.txt: no valid annotation in corpus/%s", id, gold.FirstDir)
		}
	}
	byGenre, byProvince, byScript := map[string]int{}, map[string]int{}, map[string]int{}
	for _, s := range c.Sources {
		byGenre[s.Genre]++
		byProvince[s.Province]++
		byScript[s.Script]++
	}
	rels, ents := 0, 0
	for _, a := range c.First {
		rels += len(a.Relations)
		ents += len(a.Entities)
	}
	splits := map[string]int{}
	for _, s := range c.Split {
		splits[s]++
	}
	if len(c.Split) > 0 && splits[gold.Test] < 30 {
		t.Errorf("the test split holds %d documents; it must hold at least 30", splits[gold.Test])
	}
	fmt.Printf("corpus: %d documents, %d annotated (%d entities, %d relations), %d annotated twice; genres %v; provinces %v; scripts %v; splits %v\n",
		len(c.Texts), len(c.First), ents, rels, len(c.Second), byGenre, byProvince, byScript, splits)
}

// TestAgreement reports the relation F1 between the first and second
// annotations of every document annotated twice.
func TestAgreement(t *testing.T) {
	c, _ := gold.ReadCorpus(corpusDir)
	if c == nil || len(c.Second) == 0 {
		t.Skip("no document of corpus/ is annotated twice yet")
	}
	var both, inA, inB, same, matched int
	var ids []string
	for id := range c.Second {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var lines []string
	for _, id := range ids {
		a, b := c.First[id], c.Second[id]
		if a == nil {
			t.Errorf("%s: annotated in %s only", id, gold.SecondDir)
			continue
		}
		x, na, nb := gold.Agreement(a, b)
		s, m := gold.StatusAgreement(a, b)
		both, inA, inB, same, matched = both+x, inA+na, inB+nb, same+s, matched+m
		lines = append(lines, fmt.Sprintf("%-28s both %3d  A %3d  B %3d  F1 %.3f", id, x, na, nb, f1(x, na, nb)))
	}
	t.Log("\n" + strings.Join(lines, "\n"))
	fmt.Printf("agreement: %d documents annotated twice: relation F1 %.3f (both %d, A %d, B %d); status agreement on shared rows %.3f (%d/%d)\n",
		len(ids), f1(both, inA, inB), both, inA, inB, float64(same)/float64(max(matched, 1)), same, matched)
}

func f1(both, a, b int) float64 {
	if a+b == 0 {
		return 1
	}
	return 2 * float64(both) / float64(a+b)
}

func writeSplit(t *testing.T, c *gold.Corpus) {
	var fresh []string
	for _, id := range c.IDs() {
		if c.Split[id] == "" {
			fresh = append(fresh, id)
		}
	}
	assign := gold.AssignSplit(fresh, testShare, devShare)
	if len(c.Split) > 0 {
		// The split is fixed once: later documents only add to train.
		for id := range assign {
			assign[id] = gold.Train
		}
	}
	for id, s := range c.Split {
		assign[id] = s
	}
	ids := make([]string, 0, len(assign))
	for id := range assign {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b strings.Builder
	b.WriteString("# id\tsplit — fixed once by gold.AssignSplit (a hash of the id); documents added later go to train.\n")
	for _, id := range ids {
		fmt.Fprintf(&b, "%s\t%s\n", id, assign[id])
	}
	if err := os.WriteFile(filepath.Join(corpusDir, gold.SplitFile), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
