// Package loader turns policy documents into a *graph.Graph. Its stages are
// separate and each is tested on its own: source reads a file into
// sentences with offsets; splitClauses cuts sentences into clauses;
// recognise finds the names in a clause; resolve ties each name to one
// entity; relate finds the relations a clause states, with their status;
// assemble merges the documents into one graph with stable ids.
// docs/loader.md describes the pipeline and the decisions behind it.
package loader

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/loader/source"
)

// SourceError says where loading a file failed: the file, the offset in
// code points (-1 when none applies), the field or stage, and the cause.
// Its message reads like
// "loader: seeds/002_449e9938909a7532.txt: offset 1841: field sentence: ...".
type SourceError = source.Error

// Load reads every file under paths (files, or directories whose *.txt
// files it reads, not recursively, with the directory's manifest.yaml),
// extracts, and returns the whole graph. A document that fails becomes an
// entry of Graph.Errors naming its file, and the others still load. Load
// returns an error only when nothing can be read at all: no path exists,
// or no path holds a file.
func Load(paths ...string) (*graph.Graph, error) {
	g, _, err := lexiconRules().load(paths)
	return g, err
}

// LoadStats is Load that also counts, per loaded document in id order, the
// sentences, clauses and names the stages saw.
func LoadStats(paths ...string) (*graph.Graph, []DocStats, error) {
	return lexiconRules().load(paths)
}

// input is one file to read, with what its directory's manifest says.
type input struct {
	path string
	meta source.Meta
}

func (r *rules) load(paths []string) (*graph.Graph, []DocStats, error) {
	var inputs []input
	var errs []graph.LoadError
	var firstErr error
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			se := &SourceError{File: p, Offset: -1, Err: unwrapPathErr(err)}
			errs = append(errs, graph.LoadError{File: p, Message: se.Error()})
			if firstErr == nil {
				firstErr = se
			}
			continue
		}
		if !fi.IsDir() {
			meta, err := manifestFor(filepath.Dir(p), p)
			if err != nil {
				errs = append(errs, graph.LoadError{File: filepath.Join(filepath.Dir(p), source.ManifestName), Message: err.Error()})
			}
			inputs = append(inputs, input{path: p, meta: meta})
			continue
		}
		manifest, err := source.ReadManifest(p)
		if err != nil {
			errs = append(errs, graph.LoadError{File: filepath.Join(p, source.ManifestName), Message: err.Error()})
		}
		files, err := filepath.Glob(filepath.Join(p, "*.txt"))
		if err != nil {
			return nil, nil, fmt.Errorf("loader: %s: %w", p, err)
		}
		sort.Strings(files)
		for _, f := range files {
			inputs = append(inputs, input{path: f, meta: metaOf(manifest, f)})
		}
	}
	if len(inputs) == 0 {
		if firstErr != nil {
			return nil, nil, firstErr
		}
		return nil, nil, fmt.Errorf("loader: no *.txt files in %s", strings.Join(paths, ", "))
	}

	xs := make([]*extraction, len(inputs))
	xerrs := make([]error, len(inputs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(inputs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				xs[i], xerrs[i] = r.loadOne(inputs[i])
			}
		}()
	}
	for i := range inputs {
		next <- i
	}
	close(next)
	wg.Wait()

	var ok []*extraction
	var stats []DocStats
	for i, x := range xs {
		if xerrs[i] != nil {
			errs = append(errs, graph.LoadError{File: inputs[i].path, Message: xerrs[i].Error()})
			continue
		}
		ok = append(ok, x)
		stats = append(stats, x.stats)
	}
	g := assemble(ok)
	g.Errors = append(g.Errors, errs...)
	sort.SliceStable(g.Errors, func(a, b int) bool { return g.Errors[a].File < g.Errors[b].File })
	sort.Slice(stats, func(a, b int) bool { return stats[a].Document < stats[b].Document })
	return g, stats, nil
}

// loadOne reads and extracts one file; a panic in a stage becomes the
// file's error, so one pathological document cannot stop the others.
func (r *rules) loadOne(in input) (x *extraction, err error) {
	defer func() {
		if p := recover(); p != nil {
			x, err = nil, &SourceError{File: in.path, Offset: -1, Field: "extract", Err: fmt.Errorf("internal error: %v", p)}
		}
	}()
	d, err := source.Read(in.path, in.meta)
	if err != nil {
		return nil, err
	}
	if err := checkText(d); err != nil {
		return nil, err
	}
	return r.extract(d)
}

// MaxLine is the longest line, in code points, Load accepts. Policy prose
// has paragraphs of a few thousand characters; a line of a million is a
// dump or a minified page, and its clauses would not be sentences.
const MaxLine = 1 << 16

// ErrInvalidText is wrapped by the error of a document whose decoding
// replaced bytes (a truncated or corrupt multi-byte sequence).
var ErrInvalidText = errors.New("invalid or truncated character encoding (decoded to U+FFFD)")

// ErrLongLine is wrapped by the error of a document with a line longer
// than MaxLine.
var ErrLongLine = fmt.Errorf("line longer than %d code points", MaxLine)

// checkText rejects a decoded document that is not prose we can cite: one
// with replacement characters, or with an enormous line.
func checkText(d *source.Document) error {
	off, line, lineStart := 0, 1, 0
	for _, c := range d.Original {
		switch c {
		case '\uFFFD':
			return &SourceError{File: d.File, Offset: off, Field: "encoding", Err: ErrInvalidText}
		case '\n':
			line++
			lineStart = off + 1
		}
		if off-lineStart >= MaxLine {
			return &SourceError{File: d.File, Offset: lineStart, Field: fmt.Sprintf("line %d", line), Err: ErrLongLine}
		}
		off++
	}
	return nil
}

func manifestFor(dir, file string) (source.Meta, error) {
	m, err := source.ReadManifest(dir)
	if err != nil {
		return source.Meta{}, err
	}
	return metaOf(m, file), nil
}

// metaOf finds a file's entry in a manifest, keyed by base name with or
// without its extension.
func metaOf(m map[string]source.Meta, file string) source.Meta {
	base := filepath.Base(file)
	if meta, ok := m[base]; ok {
		return meta
	}
	return m[strings.TrimSuffix(base, filepath.Ext(base))]
}

func unwrapPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
