// Package neo4jstore is the graph.Store kept in Neo4j 5: Replace writes a
// graph with batched UNWIND statements in one managed write transaction, and
// every query runs in Cypher in the database. The graph model, the indexes
// and the analysts' queries are in docs/neo4j.md.
package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/collabgraph/collabgraph/graph"
)

var _ graph.Store = (*Store)(nil)

// DefaultBatchSize is how many rows one UNWIND statement carries when
// Config.BatchSize is 0.
const DefaultBatchSize = 1000

// DefaultDatabase is the database used when Config.Database is empty:
// Neo4j's default. Naming it saves the driver a round trip to resolve the
// user's home database on every query.
const DefaultDatabase = "neo4j"

// Config says where the store's graph lives.
type Config struct {
	// URI is the server: bolt://host:7687 for one server, neo4j://host:7687
	// to route over a cluster; +s verifies TLS certificates, +ssc accepts
	// self-signed ones (bolt+s://, neo4j+ssc://, ...).
	URI string
	// User and Password authenticate; an empty User sends no credentials.
	User, Password string
	// Database is the database every statement names; "" means "neo4j".
	Database string
	// BatchSize is how many rows one UNWIND statement of a load carries;
	// 0 means DefaultBatchSize.
	BatchSize int
	// Logger receives a line per batch and a summary per load; nil
	// discards them.
	Logger *slog.Logger
}

// Store is a graph.Store in one Neo4j database. It is safe for concurrent
// use.
type Store struct {
	driver    neo4j.DriverWithContext
	database  string
	batchSize int
	password  string
	log       *slog.Logger

	// statements counts every statement sent, so a load can report its
	// round trips.
	statements atomic.Int64
	// loadMu serialises this store's loads: two at once would each delete
	// what the other wrote. Readers never take it.
	loadMu sync.Mutex
}

// Open returns a store for cfg. It does not contact the server: a server
// that is down makes Ready and each query fail, not Open, and the driver
// reconnects when it comes back. Open fails only on a malformed
// configuration, such as a URI scheme the driver does not know.
func Open(_ context.Context, cfg Config) (*Store, error) {
	if cfg.URI == "" {
		return nil, errors.New("neo4jstore: open: no URI")
	}
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	s := &Store{
		database:  cfg.Database,
		batchSize: cfg.BatchSize,
		password:  cfg.Password,
		log:       cfg.Logger,
	}
	if s.database == "" {
		s.database = DefaultDatabase
	}
	if s.batchSize <= 0 {
		s.batchSize = DefaultBatchSize
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	d, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		// A server that is down should answer a readiness probe in
		// seconds, not after the driver's minute-long defaults.
		c.SocketConnectTimeout = 5 * time.Second
		c.ConnectionAcquisitionTimeout = 10 * time.Second
		c.MaxTransactionRetryTime = 5 * time.Second
	})
	if err != nil {
		return nil, s.errorf("open %s: %w", redactURI(cfg.URI), err)
	}
	s.driver = d
	return s, nil
}

// Ready returns nil when the server answers a query on the store's
// database, and the reason otherwise: server down, wrong credentials,
// unknown database.
func (s *Store) Ready(ctx context.Context) error {
	// VerifyConnectivity does not retry, so a server that is down makes a
	// readiness probe fail at once rather than after the retry time.
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return s.errorf("ready: %w", err)
	}
	_, err := s.query(ctx, "ready", readyStmt, nil)
	return err
}

// Close closes the driver's connections; the store is unusable after.
func (s *Store) Close(ctx context.Context) error {
	if err := s.driver.Close(ctx); err != nil {
		return s.errorf("close: %w", err)
	}
	return nil
}

// Statements returns how many statements the store has sent since Open.
func (s *Store) Statements() int64 { return s.statements.Load() }

// query runs one read statement in its own transaction, routed to a reader
// when the server is a cluster.
func (s *Store) query(ctx context.Context, name, stmt string, params map[string]any) ([]*neo4j.Record, error) {
	if err := checkParams(name, stmt, params); err != nil {
		return nil, err
	}
	s.statements.Add(1)
	res, err := neo4j.ExecuteQuery(ctx, s.driver, body(stmt), params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, s.errorf("%s: %w", name, err)
	}
	return res.Records, nil
}

// write runs one statement that changes the database in its own
// transaction, routed to the leader.
func (s *Store) write(ctx context.Context, name, stmt string, params map[string]any) error {
	if err := checkParams(name, stmt, params); err != nil {
		return err
	}
	s.statements.Add(1)
	_, err := neo4j.ExecuteQuery(ctx, s.driver, body(stmt), params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithWritersRouting())
	if err != nil {
		return s.errorf("%s: %w", name, err)
	}
	return nil
}

// errorf makes an error that starts with the package name and never
// contains the password, whatever the driver put in its message.
func (s *Store) errorf(format string, args ...any) error {
	err := fmt.Errorf("neo4jstore: "+format, args...)
	if s.password == "" || !strings.Contains(err.Error(), s.password) {
		return err
	}
	return &redactedError{msg: strings.ReplaceAll(err.Error(), s.password, "******"), err: err}
}

// redactedError hides the password in its message and keeps the cause for
// errors.Is and errors.As.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// redactURI drops any user information from a URI before it is printed.
func redactURI(uri string) string {
	scheme, rest, ok := strings.Cut(uri, "://")
	if !ok {
		return "(malformed URI)"
	}
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		rest = "******@" + rest[at+1:]
	}
	return scheme + "://" + rest
}
