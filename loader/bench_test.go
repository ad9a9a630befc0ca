package loader

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// substitutions swap region names so the generated corpus is not the seeds
// over and over: the gazetteer, the resolver and the issuer rule see other
// places.
var substitutions = [][2]string{
	{"临平", "萧山"}, {"新昌", "诸暨"}, {"西湖", "拱墅"}, {"杭州", "宁波"}, {"滨江", "余杭"}, {"上海", "苏州"},
}

// writeCorpus writes documents made from the seeds into dir until they
// total at least size bytes: each is one seed with its paragraphs shuffled
// and, every other time, region names substituted. It returns the bytes
// written.
func writeCorpus(tb testing.TB, dir string, size int) int64 {
	tb.Helper()
	seeds, err := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	if err != nil || len(seeds) == 0 {
		tb.Fatalf("no seeds: %v", err)
	}
	var texts [][]string
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		texts = append(texts, strings.Split(string(b), "\n"))
	}
	rng := rand.New(rand.NewSource(1))
	var total int64
	for n := 0; total < int64(size); n++ {
		paras := append([]string(nil), texts[n%len(texts)]...)
		rng.Shuffle(len(paras), func(i, j int) { paras[i], paras[j] = paras[j], paras[i] })
		doc := strings.Join(paras, "\n")
		if n%2 == 1 {
			for _, s := range substitutions {
				doc = strings.ReplaceAll(doc, s[0], s[1])
			}
		}
		name := filepath.Join(dir, fmt.Sprintf("gen_%05d.txt", n))
		if err := os.WriteFile(name, []byte(doc), 0o644); err != nil {
			tb.Fatal(err)
		}
		total += int64(len(doc))
	}
	return total
}

// BenchmarkLoad loads a generated corpus of at least 50 MB. Run it with
// -cpu 1 to read throughput per core: go test ./loader -run '^$' -bench Load -cpu 1
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	total := writeCorpus(b, dir, 50<<20)
	lexiconRules() // the lexicon is built once per process, not per load
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for range b.N {
		g, err := Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		if len(g.Errors) > 0 {
			b.Fatalf("%d load errors, first: %s", len(g.Errors), g.Errors[0].Message)
		}
	}
	reportCPU(b, total, cpuTime()-cpu0)
}

// cpuTime is the CPU time the process has used. On a shared machine wall
// time measures the neighbours too; CPU time per byte is what a core costs.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds MB per CPU-second: throughput per core whatever else runs.
func reportCPU(b *testing.B, bytes int64, cpu time.Duration) {
	if cpu > 0 {
		b.ReportMetric(float64(bytes)*float64(b.N)/1e6/cpu.Seconds(), "MB/cpu-s")
	}
}

// BenchmarkSeeds loads the five seeds, the corpus serve starts with.
func BenchmarkSeeds(b *testing.B) {
	lexiconRules()
	var total int64
	seeds, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	for _, p := range seeds {
		fi, err := os.Stat(p)
		if err != nil {
			b.Fatal(err)
		}
		total += fi.Size()
	}
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for range b.N {
		if _, err := Load(filepath.Join("..", "seeds")); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, total, cpuTime()-cpu0)
}
