package graph

import (
	"context"
	"errors"
)

// ErrNotFound is returned, wrapped, when an entity, relation or document
// asked for by id does not exist. Test for it with errors.Is.
var ErrNotFound = errors.New("not found")

// Direction selects relations by which end an entity is on.
type Direction string

// The directions. A symmetric relation (COOPERATES_WITH) matches every
// direction from either end.
const (
	Out  Direction = "OUT"
	In   Direction = "IN"
	Both Direction = "BOTH"
)

// RelationFilter narrows the relations of an entity. Zero values match all.
type RelationFilter struct {
	Kinds     []RelationKind
	Direction Direction // "" means Both
	Status    Status    // "" means either
}

// EntityFilter narrows a listing of entities. Zero values match all.
type EntityFilter struct {
	Kinds []Kind
	Level string
	// Search matches names and aliases by substring, after folding
	// traditional script and width, and pinyin ("xinchang", "xcx").
	Search string
}

// EntityPage is one page of a listing ordered by entity id.
type EntityPage struct {
	Entities   []*Entity
	TotalCount int
	HasNext    bool
}

// PathQuery asks for all shortest paths between two entities.
type PathQuery struct {
	From, To string
	MaxHops  int            // at least 1; a store may cap it
	Kinds    []RelationKind // relations a path may use; empty means all
}

// Path is one shortest path. Relations[i] joins Entities[i] and
// Entities[i+1], in either direction.
type Path struct {
	Entities  []*Entity
	Relations []*Relation
}

// NeighborhoodQuery asks for the subgraph around one entity.
type NeighborhoodQuery struct {
	Center        string
	Depth         int            // hops from Center
	EntityKinds   []Kind         // empty means all; Center is always included
	RelationKinds []RelationKind // empty means all
	Status        Status         // "" means either
	Limit         int            // most entities returned
}

// Subgraph is a set of entities and the relations among them, ready to draw.
type Subgraph struct {
	Entities  []*Entity
	Relations []*Relation
	// Truncated is true when Limit cut entities that matched.
	Truncated bool
}

// CooperationQuery asks how regions are tied to each other.
type CooperationQuery struct {
	// Regions are region ids. With one region, its links to every other
	// region; with two or more, the links among them.
	Regions []string
	// Via is the kinds of intermediary that count (CORRIDOR, ENCLAVE,
	// PLATFORM, INSTITUTION, ENTERPRISE, ALLIANCE, REGION); empty means all.
	// Direct links are always included.
	Via []Kind
}

// Cooperation is one tie between two regions: direct (Via is nil) or
// through one shared intermediary entity.
type Cooperation struct {
	A, B      *Entity
	Via       *Entity
	Relations []*Relation // the relations that make the tie, each with its evidence
}

// KindCount is a count of entities of one kind.
type KindCount struct {
	Kind  Kind
	Count int
}

// RelationKindCount is a count of relations of one kind.
type RelationKindCount struct {
	Kind  RelationKind
	Count int
}

// Ranked is an entity with a score, such as its degree.
type Ranked struct {
	Entity *Entity
	Score  float64
}

// Stats summarises a store's graph.
type Stats struct {
	Documents        int
	Entities         []KindCount
	Relations        []RelationKindCount
	TopByDegree      []Ranked // most first, at most StatsTop
	TopByBetweenness []Ranked // most first, at most StatsTop
}

// TotalEntities is the number of entities of every kind in st.
func TotalEntities(st *Stats) int {
	n := 0
	for _, c := range st.Entities {
		n += c.Count
	}
	return n
}

// TotalRelations is the number of relations of every kind in st.
func TotalRelations(st *Stats) int {
	n := 0
	for _, c := range st.Relations {
		n += c.Count
	}
	return n
}

// StatsTop is how many entities Stats ranks.
const StatsTop = 10

// Reader is what the graph algorithms need: entities by id and the
// relations around them. Each method takes many ids so one call serves a
// whole list (the API's dataloaders batch into it).
type Reader interface {
	// Entities returns the entities with the given ids, in order, with nil
	// where an id does not exist.
	Entities(ctx context.Context, ids []string) ([]*Entity, error)
	// RelationsOf returns, for each id in order, the relations that touch it
	// and match f, ordered by relation id; unknown ids get none.
	RelationsOf(ctx context.Context, ids []string, f RelationFilter) ([][]*Relation, error)
}

// Store holds one loaded graph and answers the API's queries. Both
// graph/memstore and graph/neo4jstore implement it.
type Store interface {
	Reader

	// Replace swaps the stored graph for g as a whole: readers see either
	// the old graph or the new one, never a mix.
	Replace(ctx context.Context, g *Graph) error

	// Entity returns one entity; an unknown id wraps ErrNotFound.
	Entity(ctx context.Context, id string) (*Entity, error)
	// FindEntities lists entities matching f ordered by id, first at most,
	// after the entity with id after ("" from the start).
	FindEntities(ctx context.Context, f EntityFilter, first int, after string) (*EntityPage, error)
	// Degrees returns the number of relations touching each id, in order.
	Degrees(ctx context.Context, ids []string) ([]int, error)

	// Relation returns one relation; an unknown id wraps ErrNotFound.
	Relation(ctx context.Context, id string) (*Relation, error)

	// Documents returns the documents with the given ids in order, nil
	// where unknown; with no ids, every document ordered by id.
	Documents(ctx context.Context, ids []string) ([]*Document, error)
	// DocumentRelations returns the relations a document states evidence
	// for, ordered by id; an unknown document wraps ErrNotFound.
	DocumentRelations(ctx context.Context, documentID string) ([]*Relation, error)
	// LoadErrors returns the documents that failed to load.
	LoadErrors(ctx context.Context) ([]LoadError, error)

	// Paths returns every shortest path from q.From to q.To of at most
	// q.MaxHops relations, relations read in either direction; none when
	// there is no such path. An unknown end wraps ErrNotFound.
	Paths(ctx context.Context, q PathQuery) ([]Path, error)
	// Neighborhood returns the subgraph within q.Depth hops of q.Center.
	// An unknown center wraps ErrNotFound.
	Neighborhood(ctx context.Context, q NeighborhoodQuery) (*Subgraph, error)
	// Cooperation returns the ties among regions, ordered by A, B, Via id.
	Cooperation(ctx context.Context, q CooperationQuery) ([]Cooperation, error)
	// Enclaves returns the enclaves run by owner and located in host; an
	// empty id matches any.
	Enclaves(ctx context.Context, owner, host string) ([]*Entity, error)
	// Stats summarises the graph.
	Stats(ctx context.Context) (*Stats, error)

	// Ready returns nil when the store can answer queries.
	Ready(ctx context.Context) error
	// Close releases the store's resources.
	Close(ctx context.Context) error
}
