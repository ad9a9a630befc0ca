package loader

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/collabgraph/collabgraph/loader/gold"
	"github.com/collabgraph/collabgraph/loader/source"
)

// WeightsFile is where, under the repository root, the trained stages'
// weights live; the loader embeds that file.
const WeightsFile = "loader/model/weights.bin"

// TrainingSet returns the annotated documents the trained stages learn
// from, read from the repository at root: the train split of corpus/, the
// seeds and the first external set (both long tuned against, so nothing is
// lost by learning from them). The dev and test splits and the second
// held-out set are never among them.
func TrainingSet(root string) ([]TrainDoc, error) {
	var docs []TrainDoc
	c, errs := gold.ReadCorpus(filepath.Join(root, "corpus"))
	if _, err := os.Stat(filepath.Join(root, "corpus", gold.SplitFile)); err != nil {
		c, errs = &gold.Corpus{}, nil // being gathered: nothing is train yet
	}
	if len(errs) > 0 {
		msgs := make([]string, 0, len(errs))
		for _, e := range errs {
			msgs = append(msgs, e.Error())
		}
		return nil, fmt.Errorf("loader: corpus is not consistent (go test ./loader/gold -run TestCorpus):\n%s", strings.Join(msgs, "\n"))
	}
	for _, id := range c.IDs(gold.Train) {
		s := c.Sources[id]
		docs = append(docs, TrainDoc{
			Path: filepath.Join(c.Dir, gold.DocsDir, id+".txt"),
			Meta: source.Meta{Title: s.Title, Date: s.Date, Source: s.Address},
			Gold: c.First[id],
		})
	}
	golds := filepath.Join(root, "loader", "testdata", "gold")
	for _, t := range []struct{ dir, name string }{
		{filepath.Join(root, "seeds"), "seeds"},
		{filepath.Join(root, "loader", "testdata", "external"), "external"},
	} {
		anns, _, err := gold.ReadTables(t.dir, filepath.Join(golds, t.name+".tsv"), filepath.Join(golds, t.name+"_entities.tsv"), filepath.Join(golds, "issuers.tsv"))
		if err != nil {
			return nil, err
		}
		manifest, err := source.ReadManifest(t.dir)
		if err != nil {
			return nil, err
		}
		ids := make([]string, 0, len(anns))
		for id := range anns {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			p := filepath.Join(t.dir, id+".txt")
			docs = append(docs, TrainDoc{Path: p, Meta: metaOf(manifest, p), Gold: anns[id]})
		}
	}
	if len(docs) == 0 {
		return nil, errors.New("loader: no annotated documents to train on")
	}
	return docs, nil
}
