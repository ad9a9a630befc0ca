// Package graph holds collabgraph's model: the entities, relations and
// evidence of ../shared/ONTOLOGY.md, the Graph value the loader produces, the
// Store interface both stores implement, and the algorithms that run over it.
package graph

import "strconv"

// Kind is an entity kind. Its values are the ontology's own names, used
// unchanged as Neo4j labels and GraphQL enum values.
type Kind string

// The entity kinds of the ontology.
const (
	Region      Kind = "REGION"
	Corridor    Kind = "CORRIDOR"
	Platform    Kind = "PLATFORM"
	Enclave     Kind = "ENCLAVE"
	Institution Kind = "INSTITUTION"
	Enterprise  Kind = "ENTERPRISE"
	Alliance    Kind = "ALLIANCE"
)

// Kinds lists every entity kind in the ontology's order.
var Kinds = []Kind{Region, Corridor, Platform, Enclave, Institution, Enterprise, Alliance}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool {
	for _, v := range Kinds {
		if k == v {
			return true
		}
	}
	return false
}

// RelationKind is a relation kind, used unchanged as a Neo4j relationship
// type and a GraphQL enum value.
type RelationKind string

// The relation kinds of the ontology.
const (
	PartOf         RelationKind = "PART_OF"
	LocatedIn      RelationKind = "LOCATED_IN"
	Joins          RelationKind = "JOINS"
	Operates       RelationKind = "OPERATES"
	CooperatesWith RelationKind = "COOPERATES_WITH"
	Builds         RelationKind = "BUILDS"
)

// RelationKinds lists every relation kind in the ontology's order.
var RelationKinds = []RelationKind{PartOf, LocatedIn, Joins, Operates, CooperatesWith, Builds}

// Valid reports whether k is one of RelationKinds.
func (k RelationKind) Valid() bool {
	for _, v := range RelationKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Symmetric reports whether a relation of kind k reads the same both ways.
// Such a relation is stored once, with From <= To, and queried both ways.
func (k RelationKind) Symmetric() bool { return k == CooperatesWith }

// Status says whether a document reports a relation as done or as an aim.
type Status string

// The two statuses of the ontology.
const (
	Planned     Status = "PLANNED"
	Established Status = "ESTABLISHED"
)

// Valid reports whether s is Planned or Established.
func (s Status) Valid() bool { return s == Planned || s == Established }

// Document is one source file of the corpus.
type Document struct {
	ID     string `json:"id"`
	File   string `json:"file"`
	Title  string `json:"title"`
	Issuer string `json:"issuer"` // entity id of the issuing region; "" when unknown
	Date   string `json:"date"`   // "2021-12-10", "2021-12" or "2021"; "" when unknown
	Source string `json:"source,omitempty"`
}

// Year is the year of d's date, or 0 when the date is unknown.
func (d Document) Year() int {
	if len(d.Date) < 4 {
		return 0
	}
	y, err := strconv.Atoi(d.Date[:4])
	if err != nil {
		return 0
	}
	return y
}

// Entity is a named thing of one Kind.
type Entity struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Kind    Kind     `json:"kind"`
	Aliases []string `json:"aliases"`
	// Level is a region's administrative level (see docs/ontology.md): "",
	// for other kinds.
	Level string `json:"level,omitempty"`
	// Code is a region's GB/T 2260 code, when it has one.
	Code string `json:"code,omitempty"`
}

// Evidence is one place in one document that states a relation.
type Evidence struct {
	Document string `json:"document"` // Document.ID
	Text     string `json:"text"`     // the clause as it stands in the source file
	Start    int    `json:"start"`    // offset in Unicode code points into the file's decoded text
	End      int    `json:"end"`      // exclusive
	Status   Status `json:"status"`   // what this place says: done or aim
	// Source is the stage that found it: rule:NAME, model, or curated.
	Source string `json:"source,omitempty"`
	// Confidence is how sure that stage is, from 0 to 1; 0 when unscored.
	Confidence float64 `json:"confidence"`
}

// Relation is a directed, typed link between two entities. A relation with
// no evidence does not exist.
type Relation struct {
	ID     string       `json:"id"`
	Kind   RelationKind `json:"kind"`
	From   string       `json:"from"`
	To     string       `json:"to"`
	Status Status       `json:"status"`
	Year   int          `json:"year"` // 0 when no stating document has a date
	// Confidence is that of the surest evidence, and Source its stage.
	Confidence float64    `json:"confidence"`
	Source     string     `json:"source,omitempty"`
	Evidence   []Evidence `json:"evidence"`
}

// Other returns the end of r that is not id, or "" when id is neither end.
func (r *Relation) Other(id string) string {
	switch id {
	case r.From:
		return r.To
	case r.To:
		return r.From
	}
	return ""
}

// LoadError is a document, or part of one, that could not be loaded.
type LoadError struct {
	File    string `json:"file"`
	Message string `json:"message"`
}

// Graph is a whole extracted corpus: the value the loader produces, the
// `extract --json` export, and what a store is loaded from.
type Graph struct {
	Documents []Document  `json:"documents"`
	Entities  []Entity    `json:"entities"`
	Relations []Relation  `json:"relations"`
	Errors    []LoadError `json:"errors"`
}
