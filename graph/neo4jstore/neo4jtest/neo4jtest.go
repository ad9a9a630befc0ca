// Package neo4jtest gives tests a real Neo4j over Bolt: the Neo4j 5 named by
// NEO4J_URI (with NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) when it is
// set, and otherwise a Neo4j 5.26 Community server it starts with
// scripts/neo4j/run.sh (the embedded API with Bolt on; the jars are fetched
// with Maven once). Under CI=true a server that cannot be started fails the
// test; elsewhere the test is skipped with the reason.
//
// It is test support for graph/neo4jstore and for the packages that test
// against it (server's parity test); it does not import neo4jstore, so
// neo4jstore's own tests can use it.
package neo4jtest

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Server is a Bolt server to test against.
type Server struct {
	URI, User, Password, Database string
	// Owned is true for a server this package started, false for the Neo4j
	// named by NEO4J_URI: only an owned server can be stopped and started
	// by a test, and only its data is removed at the end.
	Owned bool

	dir  string // the server's folder (data, log, pid, password)
	bolt int
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
		noServer(t, sharedErr)
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
		noServer(t, err)
	}
	t.Cleanup(s.Close)
	return s
}

func noServer(t testing.TB, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("no Bolt server: %v", err)
	}
	t.Skipf("no Bolt server (set NEO4J_URI, or let scripts/neo4j/run.sh start a Neo4j: it needs java and mvn): %v", err)
}

// CloseShared stops the server Need started, if this package started it,
// and removes its data. Call it from TestMain after m.Run.
func CloseShared() {
	if shared != nil {
		shared.Close()
	}
}

// Start returns the Neo4j named by NEO4J_URI, or starts one on a free
// loopback port with a fresh data folder.
func Start() (*Server, error) {
	if uri := os.Getenv("NEO4J_URI"); uri != "" {
		return &Server{URI: uri, User: os.Getenv("NEO4J_USER"), Password: os.Getenv("NEO4J_PASSWORD"),
			Database: os.Getenv("NEO4J_DATABASE")}, nil
	}
	dir, err := os.MkdirTemp("", "neo4jtest-")
	if err != nil {
		return nil, err
	}
	s := &Server{Owned: true, dir: dir, Database: "neo4j"}
	if s.bolt, err = FreePort(); err == nil {
		err = s.Restart()
	}
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return s, nil
}

// script is scripts/neo4j/run.sh, found from this file so that any
// package's tests can start the server.
func script() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "scripts", "neo4j", "run.sh")
}

// Restart starts the server on its port and data folder: the first time
// it creates the database, later it brings the same one back.
func (s *Server) Restart() error {
	if !s.Owned {
		return fmt.Errorf("neo4jtest: %s is not a server this package started", s.URI)
	}
	cmd := exec.Command("bash", script(), "start", s.dir, strconv.Itoa(s.bolt))
	// The server stops itself when this process ends, however it ends.
	cmd.Env = append(os.Environ(), "NEO4J_PARENT_PID="+strconv.Itoa(os.Getpid()))
	var out, errs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errs
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s start: %v\n%s", script(), err, errs.String())
	}
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), "=")
		switch k {
		case "NEO4J_URI":
			s.URI = v
		case "NEO4J_USER":
			s.User = v
		case "NEO4J_PASSWORD":
			s.Password = v
		}
	}
	if s.URI == "" {
		return fmt.Errorf("%s start printed no NEO4J_URI:\n%s", script(), out.String())
	}
	return nil
}

// Stop stops the server and waits until its Bolt port is closed; its data
// stays, so Restart brings the same database back.
func (s *Server) Stop() {
	if !s.Owned {
		return
	}
	_ = exec.Command("bash", script(), "stop", s.dir).Run()
	waitPortClosed(s.bolt)
}

// Close stops the server and removes its data.
func (s *Server) Close() {
	if !s.Owned || s.dir == "" {
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
