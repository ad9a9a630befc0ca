package neo4jstore

import (
	"context"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/collabgraph/collabgraph/graph/neo4jstore/neo4jtest"
)

// The tests talk Bolt to a real Neo4j that neo4jtest provides: the one
// named by NEO4J_URI when it is set, otherwise a Neo4j 5.26 it starts with
// scripts/neo4j/run.sh (a failure to do so fails the tests under CI=true and
// skips them elsewhere).

type testServer struct {
	cfg   Config
	owned bool // started by the tests, so they may stop and start it
	srv   *neo4jtest.Server
}

func TestMain(m *testing.M) {
	code := m.Run()
	neo4jtest.CloseShared()
	os.Exit(code)
}

// needServer returns the test server, or ends the test when there is none.
func needServer(t *testing.T) *testServer {
	t.Helper()
	s := neo4jtest.Need(t)
	return &testServer{
		cfg:   Config{URI: s.URI, User: s.User, Password: s.Password, Database: s.Database},
		owned: s.Owned,
		srv:   s,
	}
}

// start starts the server again after stop, on the same port and data.
func (s *testServer) start() error { return s.srv.Restart() }

// stop stops the server, keeping its data.
func (s *testServer) stop() { s.srv.Stop() }

func freePort() (int, error) { return neo4jtest.FreePort() }

// openStore opens a store on the test server, closed when t ends, logging
// into t.
func openStore(t *testing.T, srv *testServer) *Store {
	t.Helper()
	cfg := srv.cfg
	cfg.Logger = slog.New(slog.NewTextHandler(testWriter{t}, nil))
	st, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	return st
}

// testWriter sends log lines to t.Log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
