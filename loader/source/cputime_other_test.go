//go:build !unix

package source

import "time"

// cpuTime is unknown here; BenchmarkRead then reports wall-clock MB/s only.
func cpuTime() time.Duration { return 0 }
