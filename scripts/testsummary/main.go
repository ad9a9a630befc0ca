// Command testsummary reads `go test -json` on standard input, passes the
// test output through as it comes, and ends with every skipped test and its
// reason, every failed test, and one closing line "go: N passed, N failed,
// N skipped". It exits 1 when a test or package failed, so a script can
// rely on its status alone.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
)

// event is one line of `go test -json` (cmd/test2json).
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

func main() {
	var (
		passed, failed, skipped int
		failures, skips         []string
		pkgFailed               []string
		// Output is kept per test so a skip can be shown with its reason.
		output = map[string]*strings.Builder{}
	)
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 16<<20)
	for in.Scan() {
		var e event
		if err := json.Unmarshal(in.Bytes(), &e); err != nil {
			// Build errors and other non-JSON lines are shown as they are.
			fmt.Println(in.Text())
			continue
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "output":
			fmt.Print(e.Output)
			if e.Test != "" {
				b := output[key]
				if b == nil {
					b = &strings.Builder{}
					output[key] = b
				}
				b.WriteString(e.Output)
			}
		case "pass":
			if e.Test != "" {
				passed++
			}
		case "fail":
			if e.Test != "" {
				failed++
				failures = append(failures, key)
			} else {
				pkgFailed = append(pkgFailed, e.Package)
			}
		case "skip":
			if e.Test != "" {
				skipped++
				skips = append(skips, key+": "+reason(output[key]))
			}
		}
	}
	sort.Strings(skips)
	if len(skips) > 0 {
		fmt.Println("\nskipped, with the reason each printed:")
		for _, s := range skips {
			fmt.Println("  " + s)
		}
	}
	if len(failures)+len(pkgFailed) > 0 {
		fmt.Println("\nfailed:")
		for _, f := range failures {
			fmt.Println("  " + f)
		}
		for _, p := range pkgFailed {
			fmt.Println("  package " + p)
		}
	}
	fmt.Printf("go: %d passed, %d failed, %d skipped\n", passed, failed, skipped)
	if failed > 0 || len(pkgFailed) > 0 {
		os.Exit(1)
	}
}

// reason returns the last meaningful line a skipped test printed.
func reason(b *strings.Builder) string {
	if b == nil {
		return "(no reason printed)"
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l == "" || strings.HasPrefix(l, "--- SKIP") || strings.HasPrefix(l, "=== ") {
			continue
		}
		return l
	}
	return "(no reason printed)"
}
