package server_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/collabgraph/collabgraph/server"
)

// TestGraphiQLInBrowser loads /graphiql in headless Chromium, under its
// Content-Security-Policy, runs the default query and checks the answer
// and that nothing was fetched from another origin.
func TestGraphiQLInBrowser(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("skipped: no node on PATH to drive the browser")
	}
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("skipped: no Chromium at %s (set CHROMIUM)", chromium)
	}
	pw, _ := filepath.Abs("../web/node_modules/playwright-core/index.mjs")
	if _, err := os.Stat(pw); err != nil {
		t.Skipf("skipped: %s missing; run npm ci in web/", pw)
	}
	base, _, _ := start(t, server.Options{})
	cmd := exec.Command(node, "testdata/graphiql_check.mjs", base+"/graphiql", pw)
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	outb, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, outb)
	}
	var out struct {
		Errors  []string
		Foreign []string
		Result  string
	}
	if err := json.Unmarshal(outb, &out); err != nil {
		t.Fatalf("%v: %s", err, outb)
	}
	if len(out.Errors) > 0 {
		t.Errorf("browser errors: %q", out.Errors)
	}
	if len(out.Foreign) > 0 {
		t.Errorf("GraphiQL fetched from other origins: %q", out.Foreign)
	}
	if !strings.Contains(out.Result, `"name": "新昌县"`) {
		t.Errorf("the default query's result lacks 新昌县:\n%.500s", out.Result)
	}
}
