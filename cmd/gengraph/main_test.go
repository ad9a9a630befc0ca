package main

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"

	"github.com/collabgraph/collabgraph/graph"
)

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"-entities", "300", "-relations", "2000", "-seed", "5"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	var g graph.Graph
	if err := json.Unmarshal(out.Bytes(), &g); err != nil {
		t.Fatalf("output is not graph.Graph JSON: %v", err)
	}
	if len(g.Entities) != 300 || len(g.Relations) != 2000 || len(g.Documents) == 0 {
		t.Errorf("%d entities, %d relations, %d documents; want 300, 2000, some", len(g.Entities), len(g.Relations), len(g.Documents))
	}
	if err := run([]string{"-entities", "-1"}, io.Discard, io.Discard); err == nil {
		t.Error("negative -entities: no error")
	}
}
