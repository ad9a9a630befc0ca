package source

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkRead reads the five seeds (110 KB) per iteration; MB/s is over
// their bytes. The loader's budget is 5 MB/s per core, so reading must stay
// well above that.
func BenchmarkRead(b *testing.B) {
	files, err := filepath.Glob(filepath.Join(seeds, "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no seeds: %v", err)
	}
	var data [][]byte
	var total int64
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		data = append(data, d)
		total += int64(len(d))
	}
	if _, err := Parse(files[0], data[0], Meta{}); err != nil { // build tables outside the timer
		b.Fatal(err)
	}
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for j, d := range data {
			if _, err := Parse(files[j], d, Meta{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	// MB/s is wall-clock and suffers when other processes share the cores;
	// MB/cpu-s counts only the CPU time this process used (GC included).
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(total)*float64(b.N)/cpu.Seconds()/1e6, "MB/cpu-s")
	}
}
