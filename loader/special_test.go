package loader_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/collabgraph/collabgraph/loader"
)

// TestSpecialFilesInTheCorpus: a named pipe, a device and a link out of
// the folder are each reported by name and never read (a pipe would block
// the load forever, /dev/zero would fill memory); the good file still
// loads.
func TestSpecialFilesInTheCorpus(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ok.txt"), []byte("临平区融入G60科创走廊。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.txt")); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(outside, []byte("上海市与杭州市合作。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "elsewhere.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "ok.txt"), filepath.Join(dir, "alias.txt")); err != nil {
		t.Fatal(err)
	}
	g, err := loader.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"pipe.txt": "named pipe", "zero.txt": "outside", "elsewhere.txt": "outside"}
	for _, e := range g.Errors {
		base := filepath.Base(e.File)
		if w, ok := want[base]; ok && strings.Contains(e.Message, w) {
			delete(want, base)
		}
	}
	if len(want) > 0 {
		t.Errorf("not reported: %v (errors %v)", want, g.Errors)
	}
	if len(g.Documents) == 0 {
		t.Errorf("the good file did not load: %v", g.Errors)
	}
	for _, d := range g.Documents {
		if d.ID == "elsewhere" {
			t.Error("a link out of the folder was read")
		}
	}
}
