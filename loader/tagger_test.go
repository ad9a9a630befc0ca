package loader

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/collabgraph/collabgraph/loader/gold"
	"github.com/collabgraph/collabgraph/loader/source"
)

// TestTaggerDev scores the name tagger alone on the dev split's gold
// mentions (spans and kinds), beside the rules' recogniser: how many of
// the gold names each finds exactly. It trains in process, so it runs only
// when asked.
func TestTaggerDev(t *testing.T) {
	if os.Getenv("COLLABGRAPH_EXPERIMENT") == "" {
		t.Skip("set COLLABGRAPH_EXPERIMENT=1 to train the tagger and score it on dev")
	}
	docs, err := TrainingSet("..")
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := Train(docs, DefaultTrainOptions, nil)
	if err != nil {
		t.Fatal(err)
	}
	tr := newTrained(b)
	c, _ := gold.ReadCorpus(filepath.Join("..", "corpus"))
	rr := *baseRules().withModel(tr)
	rr.model, rr.keepViews = nil, true
	var goldN, ruleTP, ruleN, tagTP, tagN, unionTP int
	for _, id := range c.IDs(gold.Dev) {
		x, err := rr.loadOne(input{path: filepath.Join(c.Dir, gold.DocsDir, id+".txt")})
		if err != nil {
			t.Fatal(err)
		}
		want := map[span]bool{}
		for _, m := range c.First[id].Mentions(x.original) {
			want[span{m.Start, m.End}] = true
		}
		text := []rune(source.FoldString(string(x.original)))
		for _, rc := range x.recognised {
			inClause := 0
			for s := range want {
				if s.Start >= rc.c.Start && s.End <= rc.c.End {
					inClause++
				}
			}
			goldN += inClause
			if os.Getenv("COLLABGRAPH_EXPERIMENT") == "misses" {
				for s := range want {
					if s.Start < rc.c.Start || s.End > rc.c.End {
						continue
					}
					hit, near := false, ""
					for _, m := range rc.ms {
						if m.span == s {
							hit = true
						} else if m.Start < s.End && s.Start < m.End {
							near += " ~" + string(text[m.Start:m.End])
						}
					}
					if !hit {
						fmt.Printf("MISS %s: %s |%s\n", id, string(x.original[s.Start:s.End]), near)
					}
				}
			}
			ruleHit := map[span]bool{}
			for _, m := range rc.ms {
				if m.weak || m.enclave {
					continue
				}
				ruleN++
				if want[m.span] {
					ruleTP++
					ruleHit[m.span] = true
				}
			}
			tagged := tr.tagAll(&rr, text, rc.c, rc.ms, nil)
			for _, m := range tagged {
				tagN++
				if want[m.span] {
					tagTP++
					if !ruleHit[m.span] {
						unionTP++
					}
				}
			}
		}
	}
	fmt.Printf("dev names: gold %d; rules %d found, %d right; tagger alone %d found, %d right (%d that the rules missed)\n", goldN, ruleN, ruleTP, tagN, tagTP, unionTP)
}
