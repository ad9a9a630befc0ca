// Package neo4jtest gives tests a real Bolt server: the Neo4j 5 named by
// NEO4J_URI (with NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) when it is
// set, and otherwise a NornicDB server it builds and starts with
// scripts/nornicdb/run.sh (NORNICDB_BIN names a binary built already).
// Under CI=true a NornicDB that cannot be built or started fails the test;
// elsewhere the test is skipped with the reason.
//
// It is test support for graph/neo4jstore and for the packages that test
// against it (server's parity test); it does not import neo4jstore, so
// neo4jstore's own tests can use it.
package neo4jtest

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Password is the admin password NornicDB is started with.
const Password = "nornic-test-secret-7f3a"

// Server is a Bolt server to test against.
type Server struct {
	URI, User, Password, Database string
	// Nornic is true for the NornicDB the package started, false for the
	// Neo4j named by NEO4J_URI: some checks are skipped on NornicDB, with
	// reasons, and only NornicDB can be stopped and started by a test.
	Nornic bool

	dir        string // NornicDB's data directory
	bolt, http int
}

var (
	sharedOnce sync.Once
	shared     *Server
	sharedErr  error
)

// Need returns the process's server, started on first use, or ends the
// test when there is none: Fatal under CI=true, Skip elsewhere.
func Need(t testing.TB) *Server {
	t.Helper()
	sharedOnce.Do(func() { shared, sharedErr = Start() })
	if sharedErr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no Bolt server: %v", sharedErr)
		}
		t.Skipf("no Bolt server (set NEO4J_URI, or let scripts/nornicdb/run.sh build NornicDB): %v", sharedErr)
	}
	return shared
}

// For starts a server for t alone, closed when t ends, or ends t when
// there is none: Fatal under CI=true, Skip elsewhere. Packages without a
// TestMain use it; a package's tests that share one server use Need and
// CloseShared.
func For(t testing.TB) *Server {
	t.Helper()
	s, err := Start()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no Bolt server: %v", err)
		}
		t.Skipf("no Bolt server (set NEO4J_URI, or let scripts/nornicdb/run.sh build NornicDB): %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// CloseShared stops the server Need started, if it is a NornicDB, and
// removes its data. Call it from TestMain after m.Run.
func CloseShared() {
	if shared != nil {
		shared.Close()
	}
}

// Start returns the Neo4j named by NEO4J_URI, or starts a NornicDB on free
// loopback ports with a fresh data directory.
func Start() (*Server, error) {
	if uri := os.Getenv("NEO4J_URI"); uri != "" {
		return &Server{URI: uri, User: os.Getenv("NEO4J_USER"), Password: os.Getenv("NEO4J_PASSWORD"),
			Database: os.Getenv("NEO4J_DATABASE")}, nil
	}
	dir, err := os.MkdirTemp("", "neo4jtest-nornicdb-")
	if err != nil {
		return nil, err
	}
	s := &Server{Nornic: true, dir: dir, User: "admin", Password: Password, Database: "neo4j"}
	if s.bolt, err = FreePort(); err == nil {
		s.http, err = FreePort()
	}
	if err == nil {
		s.URI = fmt.Sprintf("bolt://127.0.0.1:%d", s.bolt)
		err = s.Restart()
	}
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return s, nil
}

// script is scripts/nornicdb/run.sh, found from this file so that any
// package's tests can start the server.
func script() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "scripts", "nornicdb", "run.sh")
}

// Restart starts NornicDB on the server's ports and data directory,
// building it first when NORNICDB_BIN does not name a binary.
func (s *Server) Restart() error {
	if !s.Nornic {
		return fmt.Errorf("neo4jtest: %s is not a server this package started", s.URI)
	}
	cmd := exec.Command("bash", script(), "start", s.dir, strconv.Itoa(s.bolt), strconv.Itoa(s.http))
	cmd.Env = append(os.Environ(), "NORNICDB_PASSWORD="+s.Password)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s start: %v\n%s", script(), err, out.String())
	}
	return nil
}

// Stop stops NornicDB and waits until its Bolt port is closed; its data
// stays, so Restart brings the same database back.
func (s *Server) Stop() {
	if !s.Nornic {
		return
	}
	_ = exec.Command("bash", script(), "stop", s.dir).Run()
	waitPortClosed(s.bolt)
}

// Close stops NornicDB and removes its data.
func (s *Server) Close() {
	if !s.Nornic || s.dir == "" {
		return
	}
	s.Stop()
	os.RemoveAll(s.dir)
}

// FreePort returns a loopback TCP port nothing listens on.
func FreePort() (int, error) {
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
