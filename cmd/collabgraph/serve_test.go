package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/collabgraph/collabgraph/graph/neo4jstore/neo4jtest"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestServeLoadsServesAndShutsDown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logs := &lockedBuffer{}
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, []string{"--addr", "127.0.0.1:0", "--seeds", "../../seeds", "--log-format", "json"}, logs,
			func(addr string) { ready <- addr })
	}()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve returned before ready: %v\n%s", err, logs)
	case <-time.After(20 * time.Second):
		t.Fatalf("not ready after 20s:\n%s", logs)
	}
	base := "http://" + addr

	res, err := http.Get(base + "/readyz")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("readyz: %v %v", res, err)
	}
	res, err = http.Post(base+"/graphql", "application/json", strings.NewReader(`{"query":"{ search(text: \"xinchang\", first: 1) { name } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(body), `"name":"新昌县"`) {
		t.Errorf("search over the seeds: %s", body)
	}
	res, err = http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(page), "<html") {
		t.Errorf("/ does not serve the web page: %d %.200s", res.StatusCode, page)
	}

	// The ready line says what was loaded and how long it took.
	var readyLine map[string]any
	for _, line := range strings.Split(logs.String(), "\n") {
		if strings.Contains(line, `"serve: ready"`) {
			if err := json.Unmarshal([]byte(line), &readyLine); err != nil {
				t.Fatalf("log line is not JSON: %s", line)
			}
		}
	}
	if readyLine == nil || readyLine["documents"] != float64(5) || readyLine["load_time"] == "" {
		t.Errorf("ready log line = %v", readyLine)
	}

	cancel() // what SIGINT does through main's context
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("shutdown: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not shut down")
	}
	if !strings.Contains(logs.String(), "serve: stopped") {
		t.Errorf("no stopped log line:\n%s", logs)
	}
}

func TestServeFlags(t *testing.T) {
	t.Setenv("COLLABGRAPH_ADDR", "127.0.0.1:9999")
	t.Setenv("COLLABGRAPH_CORS_ORIGINS", "https://a.example, https://b.example")
	c, err := parseServe([]string{"--cors-origin", "https://c.example"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.addr != "127.0.0.1:9999" || strings.Join(c.cors, " ") != "https://a.example https://b.example https://c.example" {
		t.Errorf("addr %q cors %q", c.addr, c.cors)
	}
	if _, err := parseServe([]string{"--log-format", "xml"}, io.Discard); err == nil {
		t.Error("--log-format xml accepted")
	}
	if _, err := parseServe([]string{"extra"}, io.Discard); err == nil {
		t.Error("a stray argument accepted")
	}
	t.Setenv("COLLABGRAPH_ADDR", "")
	if c, err := parseServe(nil, io.Discard); err != nil || c.addr != "127.0.0.1:8080" {
		t.Errorf("default addr %q (%v), want 127.0.0.1:8080: the network only when asked", c.addr, err)
	}
}

func TestServeFailsOnMissingSeeds(t *testing.T) {
	err := runServe(context.Background(), []string{"--addr", "127.0.0.1:0", "--seeds", "no/such/dir"}, io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "no/such/dir") {
		t.Errorf("err = %v, want one naming the directory", err)
	}
}

// A document that fails to load is logged at start-up and listed by the
// loadErrors query; the others still load.
func TestServeReportsFailedDocuments(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile("../../seeds/004_e2e9d89b10e5a6e1.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "004_e2e9d89b10e5a6e1.txt"), good, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "999_bad.txt"), []byte("\x00\x01\x02\xff\xc3\x28\xa0\xa1\x00\xe2\x28\xa1"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logs := &lockedBuffer{}
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, []string{"--addr", "127.0.0.1:0", "--seeds", dir, "--log-format", "json"}, logs, func(a string) { ready <- a })
	}()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve: %v\n%s", err, logs)
	case <-time.After(20 * time.Second):
		t.Fatal("not ready")
	}
	if !strings.Contains(logs.String(), `"msg":"serve: document failed to load"`) || !strings.Contains(logs.String(), "999_bad.txt") {
		t.Errorf("the failed document is not logged:\n%s", logs)
	}
	res, err := http.Post("http://"+addr+"/graphql", "application/json", strings.NewReader(`{"query":"{ loadErrors { file message } documents { id } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	var out struct {
		Data struct {
			LoadErrors []struct{ File, Message string }
			Documents  []struct{ ID string }
		}
	}
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	if len(out.Data.LoadErrors) != 1 || !strings.HasSuffix(out.Data.LoadErrors[0].File, "999_bad.txt") || out.Data.LoadErrors[0].Message == "" {
		t.Errorf("loadErrors = %+v", out.Data.LoadErrors)
	}
	if len(out.Data.Documents) != 1 {
		t.Errorf("documents = %+v, want the good one", out.Data.Documents)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("shutdown: %v", err)
	}
}

// TestServeKeepsWhatLoadPutInNeo4j is the data-loss bug of issue 9: `load`
// then `serve`, both with --neo4j-uri, must serve the loaded corpus, not
// replace it with seeds/. Two servers over the one database answer alike.
func TestServeKeepsWhatLoadPutInNeo4j(t *testing.T) {
	bolt := neo4jtest.For(t)
	t.Setenv("NEO4J_PASSWORD", bolt.Password)
	dir := t.TempDir()
	one, err := os.ReadFile("../../seeds/001_d3359bdaaf069143.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "one.txt"), one, 0o644); err != nil {
		t.Fatal(err)
	}
	neo := []string{"--neo4j-uri", bolt.URI, "--neo4j-user", bolt.User}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logs := &lockedBuffer{}
	if err := runLoad(ctx, append(neo, dir), io.Discard, logs); err != nil {
		t.Fatalf("load: %v\n%s", err, logs)
	}

	const query = `{"query":"{ stats { documents relations { kind count } } }"}`
	var answers []string
	for i := 0; i < 2; i++ {
		ready := make(chan string, 1)
		done := make(chan error, 1)
		go func() {
			done <- runServe(ctx, append([]string{"--addr", "127.0.0.1:0", "--log-format", "json"}, neo...), logs,
				func(addr string) { ready <- addr })
		}()
		var addr string
		select {
		case addr = <-ready:
		case err := <-done:
			t.Fatalf("serve returned before ready: %v\n%s", err, logs)
		case <-time.After(60 * time.Second):
			t.Fatalf("not ready after 60s:\n%s", logs)
		}
		res, err := http.Post("http://"+addr+"/graphql", "application/json", strings.NewReader(query))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		answers = append(answers, string(body))
	}
	var got struct {
		Data struct {
			Stats struct{ Documents int }
		}
	}
	if err := json.Unmarshal([]byte(answers[0]), &got); err != nil {
		t.Fatalf("%v: %s", err, answers[0])
	}
	if got.Data.Stats.Documents != 1 {
		t.Errorf("serve over the loaded database has %d documents, want the 1 that load put there (seeds/ has 5): %s",
			got.Data.Stats.Documents, answers[0])
	}
	if answers[0] != answers[1] {
		t.Errorf("two servers over one database answer differently:\n%s\n%s", answers[0], answers[1])
	}
	if strings.Contains(logs.String(), bolt.Password) {
		t.Error("the Neo4j password appears in the logs")
	}
}
