package api

import (
	"encoding/base64"
	"strings"
	"unicode/utf8"
)

// Limits on arguments. A value outside them is BAD_USER_INPUT rather than
// silently clamped, so a client learns the bound instead of getting less
// than it asked for without knowing. docs/api.md lists them.
const (
	MaxFirst        = 500  // first: on lists and connections
	MaxNeighborhood = 2000 // neighborhood(limit:)
	MaxDepth        = 3    // neighborhood(depth:)
	MaxHops         = 6    // paths(maxHops:)
	MaxRegions      = 50   // cooperation(regions:)
	MaxKinds        = 16   // any list of kinds
	MaxIDLength     = 256  // bytes in an id
	MaxTextLength   = 200  // bytes in search text, level or a cursor
	// searchCandidates is how many substring matches search ranks; the
	// store returns them ordered by id, ranking happens here.
	searchCandidates = 2000
	// MaxListAll bounds the lists that have no first: argument
	// (corridors, the entities of a document's relations).
	MaxListAll = 2000
)

func checkID(arg, id string) error {
	switch {
	case id == "":
		return badInput(arg, "empty id")
	case len(id) > MaxIDLength:
		return badInput(arg, "id longer than %d bytes", MaxIDLength)
	case !utf8.ValidString(id):
		return badInput(arg, "id is not valid UTF-8")
	}
	return nil
}

func checkIDs(arg string, ids []string, most int) error {
	if len(ids) > most {
		return badInput(arg, "%d ids, at most %d allowed", len(ids), most)
	}
	for _, id := range ids {
		if err := checkID(arg, id); err != nil {
			return err
		}
	}
	return nil
}

func checkText(arg, s string) error {
	if len(s) > MaxTextLength {
		return badInput(arg, "longer than %d bytes", MaxTextLength)
	}
	if !utf8.ValidString(s) {
		return badInput(arg, "not valid UTF-8")
	}
	return nil
}

// checkKinds accepts at most MaxKinds values; gqlgen has already checked
// that each is one of the enum's values.
func checkKinds[K ~string](arg string, kinds []K) error {
	if len(kinds) > MaxKinds {
		return badInput(arg, "%d kinds, at most %d allowed", len(kinds), MaxKinds)
	}
	return nil
}

// intArg returns *p, or def when the argument was given as null.
func intArg(arg string, p *int, def, lo, hi int) (int, error) {
	v := def
	if p != nil {
		v = *p
	}
	if v < lo || v > hi {
		return 0, badInput(arg, "%d is out of range [%d, %d]", v, lo, hi)
	}
	return v, nil
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// Cursors are opaque to clients: base64 of a prefix naming the listing and
// the id of the last item seen. Listings are ordered by id, so a cursor
// stays valid while the graph changes.
const (
	entityCursor   = "entity:"
	relationCursor = "relation:"
)

func encodeCursor(prefix, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(prefix + id))
}

func decodeCursor(arg, prefix string, p *string) (string, error) {
	if p == nil || *p == "" {
		return "", nil
	}
	if len(*p) > 2*MaxTextLength+2*MaxIDLength {
		return "", badInput(arg, "not a cursor this listing issued")
	}
	b, err := base64.RawURLEncoding.DecodeString(*p)
	if err != nil || !strings.HasPrefix(string(b), prefix) || len(b) == len(prefix) {
		return "", badInput(arg, "not a cursor this listing issued")
	}
	return string(b[len(prefix):]), nil
}
