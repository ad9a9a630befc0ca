package loader

import (
	"bytes"
	"path/filepath"
	"testing"
)

// TestWeightsCurrent retrains from the committed corpus and fails when the
// embedded weights differ: they must be what `collabgraph train` makes of
// the corpus and the code as committed, byte for byte. Since the file was
// written by another process, on another day, a match also shows that
// training is deterministic.
func TestWeightsCurrent(t *testing.T) {
	docs, err := TrainingSet(filepath.Join(".."))
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := Train(docs, DefaultTrainOptions, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Bytes(); !bytes.Equal(got, embeddedWeights) {
		t.Fatalf("%s is stale (%d bytes embedded, %d from training): run `go run ./cmd/collabgraph train` and commit it", WeightsFile, len(embeddedWeights), len(got))
	}
}
