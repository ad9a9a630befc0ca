package neo4jstore

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The tests talk Bolt to a real server: the Neo4j 5 named by NEO4J_URI
// (with NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) when it is set, and
// otherwise a NornicDB server the tests build and start themselves with
// scripts/nornicdb/run.sh (NORNICDB_BIN names a binary built already).
// Under CI=true a NornicDB that cannot be built or started fails the
// tests; elsewhere they are skipped with the reason.

// nornicPassword is the admin password the tests give NornicDB.
const nornicPassword = "nornic-test-secret-7f3a"

type testServer struct {
	cfg    Config
	nornic bool   // NornicDB, not Neo4j: some checks are skipped, with reasons
	dir    string // NornicDB's data directory
	bolt   int
	http   int
	err    error // why there is no server
}

var (
	serverOnce sync.Once
	server     testServer
)

func TestMain(m *testing.M) {
	code := m.Run()
	if server.nornic && server.dir != "" {
		server.stop()
		os.RemoveAll(server.dir)
	}
	os.Exit(code)
}

// needServer returns the test server, or ends the test when there is none.
func needServer(t *testing.T) *testServer {
	t.Helper()
	serverOnce.Do(startServer)
	if server.err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no Bolt server: %v", server.err)
		}
		t.Skipf("no Bolt server (set NEO4J_URI, or let scripts/nornicdb/run.sh build NornicDB): %v", server.err)
	}
	return &server
}

func startServer() {
	if uri := os.Getenv("NEO4J_URI"); uri != "" {
		server.cfg = Config{URI: uri, User: os.Getenv("NEO4J_USER"), Password: os.Getenv("NEO4J_PASSWORD"),
			Database: os.Getenv("NEO4J_DATABASE")}
		return
	}
	server.nornic = true
	dir, err := os.MkdirTemp("", "neo4jstore-nornicdb-")
	if err != nil {
		server.err = err
		return
	}
	server.dir = dir
	if server.bolt, err = freePort(); err == nil {
		server.http, err = freePort()
	}
	if err != nil {
		server.err = err
		return
	}
	server.cfg = Config{URI: fmt.Sprintf("bolt://127.0.0.1:%d", server.bolt), User: "admin",
		Password: nornicPassword, Database: "neo4j"}
	server.err = server.start()
}

func script() string {
	p, _ := filepath.Abs(filepath.Join("..", "..", "scripts", "nornicdb", "run.sh"))
	return p
}

// start starts NornicDB on the server's ports and data directory, building
// it first when NORNICDB_BIN does not name a binary.
func (s *testServer) start() error {
	cmd := exec.Command("bash", script(), "start", s.dir, strconv.Itoa(s.bolt), strconv.Itoa(s.http))
	cmd.Env = append(os.Environ(), "NORNICDB_PASSWORD="+nornicPassword)
	if bin := os.Getenv("NORNICDB_BIN"); bin != "" {
		cmd.Env = append(cmd.Env, "NORNICDB_BIN="+bin)
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s start: %v\n%s", script(), err, out.String())
	}
	return nil
}

func (s *testServer) stop() {
	_ = exec.Command("bash", script(), "stop", s.dir).Run()
	waitPortClosed(s.bolt)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func waitPortClosed(port int) {
	for i := 0; i < 100; i++ {
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), 100*time.Millisecond)
		if err != nil {
			return
		}
		c.Close()
		time.Sleep(100 * time.Millisecond)
	}
}

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
