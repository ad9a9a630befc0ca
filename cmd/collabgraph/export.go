package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/collabgraph/collabgraph/export"
	"github.com/collabgraph/collabgraph/loader"
)

func init() {
	commands["export"] = command{
		summary: "write the graph of PATHs (default seeds/) as GraphML, GEXF, CSV or JSON",
		run:     func(ctx context.Context, args []string) error { return runExport(args, os.Stdout, os.Stderr) },
	}
}

// runExport is the export command: it loads the paths and writes the graph
// in one format to --out, or to stdout.
func runExport(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	names := make([]string, len(export.Formats))
	for i, f := range export.Formats {
		names[i] = string(f)
	}
	format := fs.String("format", "", "one of "+strings.Join(names, ", ")+" (csv: one row per relation; csv-nodes: one row per entity)")
	out := fs.String("out", "", "file to write; default stdout")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: collabgraph export --format "+strings.Join(names, "|")+" [--out FILE] [PATH...]\n\nPATHs are files or directories of *.txt (with manifest.yaml); default seeds/.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *format == "" {
		fs.Usage()
		return fmt.Errorf("--format is required")
	}
	f, err := export.ParseFormat(*format)
	if err != nil {
		return err
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"seeds"}
	}
	g, err := loader.Load(paths...)
	if err != nil {
		return err
	}
	for _, le := range g.Errors {
		fmt.Fprintf(stderr, "collabgraph export: skipped: %s\n", le.Message)
	}
	if *out == "" {
		return export.Write(stdout, f, g)
	}
	file, err := os.Create(*out)
	if err != nil {
		return err
	}
	if err := export.Write(file, f, g); err != nil {
		file.Close()
		return err
	}
	return file.Close()
}
