package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
)

func TestLoadFlags(t *testing.T) {
	closed := func() string {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		return fmt.Sprintf("bolt://127.0.0.1:%d", l.Addr().(*net.TCPAddr).Port)
	}()
	const secret = "load-test-password-9d1c"
	for _, c := range []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"no uri", nil, nil, "give --neo4j-uri or set NEO4J_URI"},
		{"bad batch size", []string{"--neo4j-uri", closed, "--batch-size", "0"}, nil, "--batch-size 0"},
		{"graph and paths", []string{"--neo4j-uri", closed, "--graph", "g.json", "seeds"}, nil, "not both"},
		{"missing graph file", []string{"--neo4j-uri", closed, "--graph", "testdata/none.json"}, nil, "none.json"},
		{"server down, uri and password from the environment", []string{"../../seeds"},
			map[string]string{"NEO4J_URI": closed, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": secret}, "connect"},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, k := range []string{"NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"} {
				t.Setenv(k, c.env[k])
			}
			var out, errs bytes.Buffer
			err := runLoad(context.Background(), c.args, &out, &errs)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("runLoad(%q) error = %v, want one containing %q", c.args, err, c.want)
			}
			if strings.Contains(err.Error(), secret) || strings.Contains(errs.String(), secret) || strings.Contains(out.String(), secret) {
				t.Errorf("the password is in the output or the error: %v\n%s", err, errs.String())
			}
		})
	}
}
