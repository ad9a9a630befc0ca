// Command gengraph writes a synthetic graph shaped like the corpus as
// graph.Graph JSON, the shape `collabgraph extract --json` prints, for
// load tests of the stores, the API and the page.
//
//	gengraph [-entities N] [-relations M] [-seed S] [-out FILE]
//
// The same flags always give the same file; see graph/synth.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/collabgraph/collabgraph/graph/synth"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if err != flag.ErrHelp {
			fmt.Fprintf(os.Stderr, "gengraph: %v\n", err)
		}
		os.Exit(2)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gengraph", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("entities", 100000, "number of entities")
	m := fs.Int("relations", 1000000, "number of relations")
	seed := fs.Uint64("seed", 1, "random seed; one seed, one graph")
	out := fs.String("out", "", "file to write; default stdout")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *n < 0 || *m < 0 {
		return fmt.Errorf("-entities %d and -relations %d must not be negative", *n, *m)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	w := stdout
	var f *os.File
	if *out != "" {
		var err error
		if f, err = os.Create(*out); err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(synth.Generate(*n, *m, *seed)); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if f != nil {
		return f.Close()
	}
	return nil
}
