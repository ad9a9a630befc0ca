package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/graph/neo4jstore"
	"github.com/collabgraph/collabgraph/loader"
)

func init() {
	commands["load"] = command{
		summary: "write the graph extracted from PATHs (default seeds/) into Neo4j (--neo4j-uri or NEO4J_URI)",
		run: func(ctx context.Context, args []string) error {
			return runLoad(ctx, args, os.Stdout, os.Stderr)
		},
	}
}

// neo4jFlags are the flags that point a command at Neo4j. Each falls back
// to its environment variable when not given. The password has no default
// shown in -help, so it never appears in a usage message.
type neo4jFlags struct {
	uri, user, password, database string
	batchSize                     int
}

func addNeo4jFlags(fs *flag.FlagSet) *neo4jFlags {
	f := &neo4jFlags{}
	fs.StringVar(&f.uri, "neo4j-uri", "", "Neo4j URI: bolt://host:7687, or neo4j://host:7687 for a cluster; +s or +ssc for TLS (env NEO4J_URI)")
	fs.StringVar(&f.user, "neo4j-user", "", "Neo4j user (env NEO4J_USER)")
	fs.StringVar(&f.password, "neo4j-password", "", "Neo4j password (env NEO4J_PASSWORD, which keeps it out of the process list)")
	fs.StringVar(&f.database, "neo4j-database", "", `Neo4j database (env NEO4J_DATABASE; default "neo4j")`)
	fs.IntVar(&f.batchSize, "batch-size", neo4jstore.DefaultBatchSize, "rows per UNWIND statement when loading")
	return f
}

// resolve fills the flags not given from the environment.
func (f *neo4jFlags) resolve() {
	for _, v := range []struct {
		dst *string
		env string
	}{{&f.uri, "NEO4J_URI"}, {&f.user, "NEO4J_USER"}, {&f.password, "NEO4J_PASSWORD"}, {&f.database, "NEO4J_DATABASE"}} {
		if *v.dst == "" {
			*v.dst = os.Getenv(v.env)
		}
	}
}

func (f *neo4jFlags) config(log *slog.Logger) neo4jstore.Config {
	return neo4jstore.Config{URI: f.uri, User: f.user, Password: f.password, Database: f.database,
		BatchSize: f.batchSize, Logger: log}
}

// runLoad is the load command: extract the graph from the paths (or read
// one written by `extract --json` or gengraph with --graph), write it into
// Neo4j, and print what the load did.
func runLoad(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	nf := addNeo4jFlags(fs)
	graphFile := fs.String("graph", "", "read the graph from this graph.Graph JSON file (collabgraph extract --json, gengraph) instead of extracting it")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: collabgraph load --neo4j-uri URI [flags] [PATH...]\n\nExtracts the graph from PATHs (default seeds/) and replaces the graph stored in Neo4j with it, in one transaction.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	nf.resolve()
	if nf.uri == "" {
		fs.Usage()
		return errors.New("no Neo4j: give --neo4j-uri or set NEO4J_URI")
	}
	if nf.batchSize < 1 {
		return fmt.Errorf("--batch-size %d: want at least 1", nf.batchSize)
	}

	var g *graph.Graph
	var err error
	if *graphFile != "" {
		if fs.NArg() > 0 {
			return fmt.Errorf("give --graph or PATHs, not both (%q)", fs.Args())
		}
		g, err = readGraph(*graphFile)
	} else {
		paths := fs.Args()
		if len(paths) == 0 {
			paths = []string{"seeds"}
		}
		g, err = loader.Load(paths...)
	}
	if err != nil {
		return err
	}
	for _, e := range g.Errors {
		fmt.Fprintf(stderr, "collabgraph load: %s: %s\n", e.File, e.Message)
	}

	log := slog.New(slog.NewTextHandler(stderr, nil))
	st, err := neo4jstore.Open(ctx, nf.config(log))
	if err != nil {
		return err
	}
	defer st.Close(context.WithoutCancel(ctx))
	rep, err := st.Load(ctx, g)
	if err != nil {
		return err
	}
	if rep.Unchanged {
		fmt.Fprintf(stdout, "unchanged: the database already holds this graph (%d statements, %v)\n",
			rep.Statements, rep.Duration.Round(1e6))
		return nil
	}
	fmt.Fprintf(stdout, "loaded %d entities, %d relations, %d evidence, %d documents, %d load errors: %d rows in %d batches, %d statements, %d transactions, %v (%.0f rows/s)\n",
		rep.Entities, rep.Relations, rep.Evidence, rep.Documents, rep.LoadErrors, rep.Rows(), rep.Batches,
		rep.Statements, rep.Transactions, rep.Duration.Round(1e6), float64(rep.Rows())/rep.Duration.Seconds())
	for _, name := range rep.SchemaSkipped {
		fmt.Fprintf(stdout, "schema statement %s skipped: the server is not Neo4j and rejected it\n", name)
	}
	return nil
}

func readGraph(path string) (*graph.Graph, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	g := &graph.Graph{}
	if err := json.NewDecoder(f).Decode(g); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return g, nil
}
