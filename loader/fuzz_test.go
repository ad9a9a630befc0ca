package loader

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/collabgraph/collabgraph/loader/source"
)

// FuzzExtract runs the whole pipeline on arbitrary bytes: it must never
// panic, and every evidence record must lie inside the decoded text and
// equal its slice. go test ./loader -run '^$' -fuzz FuzzExtract
func FuzzExtract(f *testing.F) {
	for _, name := range []string{"linping_cooperation.txt", "xihu_report.txt", "xinchang_enclaves.txt", "linping_basis.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", "golden", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(b[:len(b)/3])
	}
	f.Add([]byte("在西湖区、滨江区设立了科创飞地,与西湖大学签订协议"))
	f.Add([]byte("((((()))))与与与、、、三大科创走廊建设建设"))
	f.Add([]byte{0xef, 0xbb, 0xbf, 0xe4, 0xb8})
	for _, c := range pathological {
		f.Add([]byte(c.text[:min(len(c.text), 3000)]))
	}
	r := lexiconRules()
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := source.Parse("fuzz.txt", data, source.Meta{})
		if err != nil {
			return
		}
		if checkText(d) != nil {
			return
		}
		x, err := r.extract(d)
		if err != nil {
			return
		}
		g := assemble([]*extraction{x})
		orig := []rune(d.Original)
		for _, rel := range g.Relations {
			for _, ev := range rel.Evidence {
				if ev.Start < 0 || ev.End > len(orig) || ev.Start >= ev.End {
					t.Fatalf("evidence [%d,%d) outside %d code points", ev.Start, ev.End, len(orig))
				}
				if string(orig[ev.Start:ev.End]) != ev.Text || !utf8.ValidString(ev.Text) {
					t.Fatalf("evidence %q is not the text at [%d,%d)", ev.Text, ev.Start, ev.End)
				}
			}
		}
	})
}
