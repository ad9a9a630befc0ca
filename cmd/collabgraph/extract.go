package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"text/tabwriter"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/loader"
)

func init() {
	commands["extract"] = command{
		summary: "print the graph extracted from PATHs (default seeds/); --json for the export",
		run:     func(ctx context.Context, args []string) error { return runExtract(args, os.Stdout, os.Stderr) },
	}
}

// runExtract is the extract command: it loads the paths and prints the graph
// as one JSON object (--json) or as a readable summary.
func runExtract(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the graph as one JSON object shaped as graph.Graph")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: collabgraph extract [--json] [PATH...]\n\nPATHs are files or directories of *.txt (with manifest.yaml); default seeds/.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"seeds"}
	}
	g, stats, err := loader.LoadStats(paths...)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(g)
	}
	return writeSummary(stdout, g, stats)
}

// writeSummary prints counts by kind, one block per document (title,
// issuer, date, sentences, relations) and the errors.
func writeSummary(w io.Writer, g *graph.Graph, stats []loader.DocStats) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	byKind := map[graph.Kind]int{}
	for _, e := range g.Entities {
		byKind[e.Kind]++
	}
	fmt.Fprintf(tw, "entities\t%d\n", len(g.Entities))
	for _, k := range graph.Kinds {
		fmt.Fprintf(tw, "  %s\t%d\n", k, byKind[k])
	}
	byRel := map[graph.RelationKind][2]int{}
	perDoc := map[string]int{}
	for _, r := range g.Relations {
		c := byRel[r.Kind]
		if r.Status == graph.Established {
			c[0]++
		} else {
			c[1]++
		}
		byRel[r.Kind] = c
		seen := map[string]bool{}
		for _, ev := range r.Evidence {
			if !seen[ev.Document] {
				seen[ev.Document] = true
				perDoc[ev.Document]++
			}
		}
	}
	fmt.Fprintf(tw, "relations\t%d\t(established, planned)\n", len(g.Relations))
	for _, k := range graph.RelationKinds {
		c := byRel[k]
		fmt.Fprintf(tw, "  %s\t%d\t(%d, %d)\n", k, c[0]+c[1], c[0], c[1])
	}
	names := map[string]string{}
	for _, e := range g.Entities {
		names[e.ID] = e.Name
	}
	byDoc := map[string]loader.DocStats{}
	for _, s := range stats {
		byDoc[s.Document] = s
	}
	fmt.Fprintf(tw, "\ndocuments\t%d\n", len(g.Documents))
	for _, d := range g.Documents {
		st := byDoc[d.ID]
		fmt.Fprintf(tw, "%s\t%s\n", d.ID, d.File)
		fmt.Fprintf(tw, "  title\t%s\n", orUnknown(d.Title))
		fmt.Fprintf(tw, "  issuer\t%s\n", orUnknown(names[d.Issuer]))
		fmt.Fprintf(tw, "  date\t%s\n", orUnknown(d.Date))
		fmt.Fprintf(tw, "  sentences\t%d (%d repeated), %d clauses, %d names\n", st.Sentences, st.Repeats, st.Clauses, st.Mentions)
		fmt.Fprintf(tw, "  relations\t%d\n", perDoc[d.ID])
	}
	errs := append([]graph.LoadError(nil), g.Errors...)
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].File < errs[j].File })
	fmt.Fprintf(tw, "\nerrors\t%d\n", len(errs))
	for _, e := range errs {
		fmt.Fprintf(tw, "  %s\n", e.Message)
	}
	return tw.Flush()
}

func orUnknown(s string) string {
	if s == "" {
		return "(unknown)"
	}
	return s
}
