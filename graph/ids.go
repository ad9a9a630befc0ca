package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// EntityID derives an entity's id from its kind and canonical name, so that
// ids are stable across runs and machines, e.g. "region-5b0f3c6d2a1e".
func EntityID(kind Kind, name string) string {
	return strings.ToLower(string(kind)) + "-" + digest(string(kind), name)
}

// RelationID derives a relation's id from its kind and ends. For a
// symmetric kind the ends are ordered first, so both readings get one id.
func RelationID(kind RelationKind, from, to string) string {
	if kind.Symmetric() && to < from {
		from, to = to, from
	}
	return "rel-" + digest(string(kind), from, to)
}

func digest(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}
