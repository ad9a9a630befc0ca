package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"text/tabwriter"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/loader"
	"github.com/collabgraph/collabgraph/loader/source"
)

func init() {
	commands["extract"] = command{
		summary: "print the graph extracted from PATHs (default seeds/); --json for the export; exit 1 if no file loads",
		run:     func(ctx context.Context, args []string) error { return runExtract(args, os.Stdout, os.Stderr) },
	}
}

// runExtract is the extract command: it loads the paths and prints the graph
// as one JSON object (--json) or as a readable summary. Each file that
// failed is also named on stderr, with why; the command fails (exit 1)
// when no file loaded, after printing what it has, and succeeds when some
// did.
func runExtract(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the graph as one JSON object shaped as graph.Graph")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: collabgraph extract [--json] [PATH...]\n\nPATHs are files, or directories read with their sub-folders, of .txt, .docx and\n.html documents, each folder with its manifest.yaml; default seeds/. Files that\nfail are listed on stderr; the exit status is 1 when none loads.")
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
	failed := reportFailures(stderr, g)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		err = enc.Encode(g)
	} else {
		err = writeSummary(stdout, g, stats)
	}
	if err != nil {
		return err
	}
	if len(g.Documents) == 0 && failed > 0 {
		return fmt.Errorf("all %d %s failed to load (listed above); nothing was extracted", failed, plural(failed, "file", "files"))
	}
	return nil
}

// reportFailures writes each load error to w, one a line, then how many
// files failed out of how many, and returns the number of files that
// failed. A broken manifest is listed but is no file that failed: its
// folder's documents still load, without its metadata.
func reportFailures(w io.Writer, g *graph.Graph) int {
	failed := map[string]bool{}
	for _, e := range g.Errors {
		fmt.Fprintln(w, e.Message)
		if filepath.Base(e.File) != source.ManifestName {
			failed[e.File] = true
		}
	}
	if n := len(failed); n > 0 && len(g.Documents) > 0 {
		total := n + len(g.Documents)
		fmt.Fprintf(w, "collabgraph extract: %d of %d %s failed to load; the other %d loaded\n", n, total, plural(total, "file", "files"), len(g.Documents))
	}
	return len(failed)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
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
