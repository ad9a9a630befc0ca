package loader

import (
	"strings"
	"testing"
	"time"

	"github.com/collabgraph/collabgraph/loader/source"
)

// pathological are inputs built to make pairwise rules blow up: long runs
// of list openers, names and cue words in one clause or one sentence. The
// fuzzer stalled on such an input (a clause of thousands of 与 took seconds,
// quadratic in the partner phrase's closer search).
var pathological = []struct {
	name string
	text string
}{
	{"partner openers in one clause", strings.Repeat("与", 50000)},
	{"partners with names", strings.Repeat("与浙江大学", 20000)},
	{"partner clauses with no closer", strings.Repeat("与浙江大学,", 20000)},
	{"partner clauses closed at the end", strings.Repeat("与浙江大学,", 20000) + "合作"},
	{"an enumeration", strings.Repeat("西湖区、", 20000) + "等科创走廊建设"},
	{"no punctuation", strings.Repeat("推进与浙江大学合作共建未来科技城", 5000)},
	{"heads only", strings.Repeat("科创走廊", 20000)},
	{"enclave phrases", strings.Repeat("在西湖区设立科创飞地", 5000)},
}

// TestPathologicalInputsFinish guards against super-linear blow-ups, not a
// speed target (BenchmarkLoad measures speed): each input of a few hundred
// KB takes milliseconds, and the deadline is a thousand times that.
func TestPathologicalInputsFinish(t *testing.T) {
	r := lexiconRules()
	for _, c := range pathological {
		t.Run(c.name, func(t *testing.T) {
			d, err := source.Parse("pathological.txt", []byte(c.text), source.Meta{})
			if err != nil {
				t.Fatalf("source.Parse: %v", err)
			}
			done := make(chan error, 1)
			go func() {
				_, err := r.extract(d)
				done <- err
			}()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("extract: %v", err)
				}
			case <-time.After(30 * time.Second):
				t.Fatalf("extract of %d KB still running after 30 s", len(c.text)/1024)
			}
		})
	}
}
