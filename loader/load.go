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
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
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

// Load reads every file under paths, extracts, and returns the whole
// graph. A path that is a file is read whatever its extension. A path that
// is a directory is walked, sub-folders included, in lexical order; of its
// files it reads those of DocumentExts (in any case: .TXT, .Docx), each
// with the manifest.yaml of its own folder, skipping names that start with
// "." and what a manifest marks skip (a file, or a sub-folder written
// "name/"). Symbolic links to folders are not followed. A file named twice
// is read once. Each document's id is its file's base name without
// extension, except where two files of the load share one (see assignIDs).
//
// A document that fails becomes an entry of Graph.Errors naming its file
// and saying what is wrong, and the others still load. Load returns an
// error only when nothing can be read at all: no path exists, or no path
// holds a file.
func Load(paths ...string) (*graph.Graph, error) {
	g, _, err := lexiconRules().load(paths)
	return g, err
}

// LoadStats is Load that also counts, per loaded document in id order, the
// sentences, clauses and names the stages saw.
func LoadStats(paths ...string) (*graph.Graph, []DocStats, error) {
	return lexiconRules().load(paths)
}

// DocumentExts are the extensions, lower case, of the files Load takes
// from a directory: the formats it reads (text, Word .docx, web pages),
// and those of documents it cannot read, so that a PDF or an old .doc
// among the texts is reported, saying what to do, rather than silently
// left out. What a file is is decided by its bytes (source.Read): a .doc
// that is really a web page is read as one.
var DocumentExts = []string{
	".txt", ".docx", ".html", ".htm", ".shtml", ".xhtml",
	".pdf", ".doc", ".wps", ".rtf", ".odt", ".ofd", ".mht", ".mhtml",
	".xls", ".xlsx", ".et", ".ppt", ".pptx", ".dps", ".zip", ".rar", ".7z",
}

// input is one file to read, with what its directory's manifest says and
// the id its document gets.
type input struct {
	path string
	meta source.Meta
	id   string
}

// inputs gathers the files under paths; a file named twice, or both
// itself and through its directory, is one input.
type inputs struct {
	list []input
	errs []graph.LoadError
	seen map[string]bool
}

func (in *inputs) add(path string, meta source.Meta) {
	key := filepath.Clean(path)
	if abs, err := filepath.Abs(key); err == nil {
		key = abs
	}
	if in.seen[key] {
		return
	}
	in.seen[key] = true
	in.list = append(in.list, input{path: path, meta: meta})
}

func (in *inputs) fail(file string, err error) {
	in.errs = append(in.errs, graph.LoadError{File: file, Message: err.Error()})
}

// walk adds the documents of dir and of its sub-folders, in lexical
// order, each with its own folder's manifest. A symbolic link is followed
// only to a file inside root, the directory the caller named: a corpus
// should not read what lies outside it.
func (in *inputs) walk(root, dir string) {
	manifest, err := source.ReadManifest(dir)
	if err != nil {
		in.fail(filepath.Join(dir, source.ManifestName), err)
		manifest = map[string]source.Meta{}
	}
	entries, err := os.ReadDir(dir) // sorted by name; on an error, what could be read
	if err != nil {
		in.fail(dir, &SourceError{File: dir, Offset: -1, Err: unwrapPathErr(err)})
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || name == source.ManifestName {
			continue // hidden files, and the "._x.txt" a Mac leaves in archives, are no documents
		}
		path := filepath.Join(dir, name)
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 {
			if fi, err := os.Stat(path); err == nil && fi.IsDir() {
				continue // a link to a folder can make a cycle
			}
			if !inside(root, path) {
				in.fail(path, &SourceError{File: path, Offset: -1, Err: errOutside})
				continue
			}
		}
		if isDir {
			if !manifest[name+"/"].Skip && !manifest[name].Skip {
				in.walk(root, path)
			}
			continue
		}
		if !slices.Contains(DocumentExts, strings.ToLower(filepath.Ext(name))) {
			continue
		}
		if meta := metaOf(manifest, path); !meta.Skip {
			in.add(path, meta)
		}
	}
}

var errOutside = errors.New("a link to a file outside the folder being loaded: not read")

// inside reports whether the file a link at path leads to lies under root.
func inside(root, path string) bool {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return true // a dangling link: reading it reports that
	}
	absRoot, err1 := filepath.EvalSymlinks(root)
	if err1 != nil {
		absRoot = root
	}
	absRoot, _ = filepath.Abs(absRoot)
	target, _ = filepath.Abs(target)
	rel, err := filepath.Rel(absRoot, target)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func (r *rules) load(paths []string) (*graph.Graph, []DocStats, error) {
	in := &inputs{seen: map[string]bool{}}
	var firstErr error
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			se := &SourceError{File: p, Offset: -1, Err: unwrapPathErr(err)}
			in.fail(p, se)
			if firstErr == nil {
				firstErr = se
			}
			continue
		}
		if !fi.IsDir() {
			// A file named on its own is read even if its manifest says skip.
			meta, err := manifestFor(filepath.Dir(p), p)
			if err != nil {
				in.fail(filepath.Join(filepath.Dir(p), source.ManifestName), err)
			}
			in.add(p, meta)
			continue
		}
		in.walk(p, p)
	}
	inputs, errs := in.list, in.errs
	if len(inputs) == 0 {
		if firstErr != nil {
			return nil, nil, firstErr
		}
		return nil, nil, fmt.Errorf("loader: no documents (.txt, .docx, .html) in %s", strings.Join(paths, ", "))
	}
	assignIDs(inputs)

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
	if in.id != "" {
		d.ID = in.id
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

// assignIDs gives each input its document's id: the file's base name
// without extension, as source.Read names it, unless two files of the
// load share that name (a.txt beside a.html, 2022/a.txt beside
// 2023/a.txt). Then each of them keeps its extension ("a.txt", "a.html"),
// and where that still leaves two alike, each is named by its path below
// their common folder, slash-separated ("2022/a.txt", "2023/a.txt"). An id
// depends only on which files are loaded, not on the order they were
// named in; the last resort, "~2" after an id for what is still alike,
// goes by path order.
func assignIDs(inputs []input) {
	for i := range inputs {
		base := filepath.Base(inputs[i].path)
		inputs[i].id = strings.TrimSuffix(base, filepath.Ext(base))
	}
	rename := func(name func(group []int) []string) {
		groups := map[string][]int{}
		for i := range inputs {
			groups[inputs[i].id] = append(groups[inputs[i].id], i)
		}
		for _, g := range groups {
			if len(g) < 2 {
				continue
			}
			for k, id := range name(g) {
				inputs[g[k]].id = id
			}
		}
	}
	rename(func(g []int) []string {
		ids := make([]string, len(g))
		for k, i := range g {
			ids[k] = filepath.Base(inputs[i].path)
		}
		return ids
	})
	rename(func(g []int) []string {
		abs := make([]string, len(g))
		for k, i := range g {
			abs[k] = inputs[i].path
			if a, err := filepath.Abs(abs[k]); err == nil {
				abs[k] = a
			}
		}
		common := filepath.Dir(abs[0])
		for _, a := range abs[1:] {
			for !strings.HasPrefix(a, common+string(filepath.Separator)) && common != filepath.Dir(common) {
				common = filepath.Dir(common)
			}
		}
		ids := make([]string, len(g))
		for k, a := range abs {
			rel, err := filepath.Rel(common, a)
			if err != nil {
				rel = a
			}
			ids[k] = filepath.ToSlash(rel)
		}
		return ids
	})
	rename(func(g []int) []string {
		sort.Slice(g, func(a, b int) bool { return inputs[g[a]].path < inputs[g[b]].path })
		ids := make([]string, len(g))
		for k, i := range g {
			ids[k] = inputs[i].id
			if k > 0 {
				ids[k] = fmt.Sprintf("%s~%d", inputs[i].id, k+1)
			}
		}
		return ids
	})
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
