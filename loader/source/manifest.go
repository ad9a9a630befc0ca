package source

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sync"

	"github.com/collabgraph/collabgraph/loader/lexicon"
	"gopkg.in/yaml.v3"
)

// ManifestName is the file in a seed directory that describes its files.
const ManifestName = "manifest.yaml"

var manifestDate = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// ReadManifest reads dir/manifest.yaml: a mapping from file base name
// (with or without its extension) or sub-folder name ("holdout2/", for
// skip) to Meta. A directory without a manifest gives an empty map and no
// error. A
// malformed manifest, an unknown field or a date not written YYYY, YYYY-MM
// or YYYY-MM-DD is an *Error naming the manifest, the field and the line.
func ReadManifest(dir string) (map[string]Meta, error) {
	path := filepath.Join(dir, ManifestName)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]Meta{}, nil
	}
	if err != nil {
		return nil, &Error{File: path, Offset: -1, Err: unwrapPath(err)}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, &Error{File: path, Offset: -1, Err: err}
	}
	out := map[string]Meta{}
	if len(root.Content) == 0 { // empty or only comments
		return out, nil
	}
	top := root.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, &Error{File: path, Offset: -1, Err: fmt.Errorf("line %d: want a mapping from file name to title, issuer, date and source", top.Line)}
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		key, val := top.Content[i], top.Content[i+1]
		m, err := manifestEntry(val)
		if err != nil {
			return nil, &Error{File: path, Offset: -1, Field: key.Value, Err: err}
		}
		if m.Date != "" {
			if !manifestDate.MatchString(m.Date) {
				return nil, &Error{File: path, Offset: -1, Field: key.Value + ": date", Err: fmt.Errorf("line %d: %q: %w", val.Line, m.Date, errDate)}
			}
			if _, err := normDate(m.Date); err != nil {
				return nil, &Error{File: path, Offset: -1, Field: key.Value + ": date", Err: fmt.Errorf("line %d: %w", val.Line, err)}
			}
		}
		if m.Issuer != "" {
			full, err := regionName(m.Issuer)
			if err != nil {
				return nil, &Error{File: path, Offset: -1, Field: key.Value + ": issuer", Err: fmt.Errorf("line %d: %w", val.Line, err)}
			}
			m.Issuer = full
		}
		if _, dup := out[key.Value]; dup {
			return nil, &Error{File: path, Offset: -1, Field: key.Value, Err: fmt.Errorf("line %d: listed twice", key.Line)}
		}
		out[key.Value] = m
	}
	return out, nil
}

var (
	regionNamesOnce sync.Once
	regionNames     map[string][]string // full name or alias → full names
)

// regionName returns the full name of the region that name, a full name
// or an alias in regions.tsv, stands for; an issuer nobody can resolve is
// a typo that would otherwise leave documents without an issuer.
func regionName(name string) (string, error) {
	regionNamesOnce.Do(func() {
		regionNames = make(map[string][]string)
		for _, r := range lexicon.Regions() {
			regionNames[r.Name] = append(regionNames[r.Name], r.Name)
			for _, a := range r.Aliases {
				regionNames[a] = append(regionNames[a], r.Name)
			}
		}
	})
	full := regionNames[name]
	switch {
	case len(full) == 0:
		return "", fmt.Errorf("issuer %q is not a region of loader/lexicon/regions.tsv", name)
	case full[0] == name: // a full name, even if two regions share it (鼓楼区)
		return name, nil
	}
	return full[0], nil // aliases are unique by construction
}

// manifestEntry reads one file's fields, refusing unknown ones so that a
// misspelt field ("isuer") is an error rather than silence.
func manifestEntry(n *yaml.Node) (Meta, error) {
	var m Meta
	if n.Kind != yaml.MappingNode {
		return m, fmt.Errorf("line %d: want title, issuer, date, source and skip fields", n.Line)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			return m, fmt.Errorf("line %d: %s: want a single value", v.Line, k.Value)
		}
		switch k.Value {
		case "title":
			m.Title = v.Value
		case "issuer":
			m.Issuer = v.Value
		case "date":
			m.Date = v.Value
		case "source":
			m.Source = v.Value
		case "skip":
			if err := v.Decode(&m.Skip); err != nil {
				return m, fmt.Errorf("line %d: skip: want true or false", v.Line)
			}
		default:
			return m, fmt.Errorf("line %d: unknown field %q (want title, issuer, date, source or skip)", k.Line, k.Value)
		}
	}
	return m, nil
}
