// Command cgload sends HTTP requests at a fixed rate and reports the
// latency distribution, as wrk2 does: each request has an intended send
// time on a fixed schedule, and its latency is measured from that time, so
// a slow server cannot hide its queueing by slowing the sender down
// ("coordinated omission"). scripts/loadtest.sh runs it beside wrk.
//
//	cgload -url http://127.0.0.1:8080/graphql -rate 500 -duration 10s \
//	       -body '{"query":"{ entity(id: \"region-411f61c8e159\") { id name kind } }"}'
//
// Without -body it sends GET. It prints one line: the achieved rate, the
// errors, and p50/p90/p99/p99.9/max latency.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"sync"
	"time"
)

func main() {
	url := flag.String("url", "", "target URL")
	body := flag.String("body", "", "JSON body to POST; empty sends GET")
	rate := flag.Float64("rate", 500, "requests per second")
	duration := flag.Duration("duration", 10*time.Second, "how long to send")
	conns := flag.Int("conns", 64, "most requests in flight (and keep-alive connections)")
	label := flag.String("label", "", "name printed in front of the result")
	flag.Parse()
	if *url == "" || *rate <= 0 {
		flag.Usage()
		os.Exit(2)
	}
	res, err := run(context.Background(), *url, []byte(*body), *rate, *duration, *conns)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cgload:", err)
		os.Exit(1)
	}
	fmt.Printf("%-28s %s\n", *label, res)
}

type result struct {
	sent, errors int
	elapsed      time.Duration
	lat          []time.Duration
}

func (r result) String() string {
	q := func(p float64) time.Duration {
		if len(r.lat) == 0 {
			return 0
		}
		return r.lat[min(len(r.lat)-1, int(p*float64(len(r.lat))))]
	}
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d)/1e6) }
	return fmt.Sprintf("rate %.0f req/s  n %d  errors %d  p50 %s  p90 %s  p99 %s  p99.9 %s  max %s",
		float64(r.sent)/r.elapsed.Seconds(), r.sent, r.errors, ms(q(.50)), ms(q(.90)), ms(q(.99)), ms(q(.999)), ms(q(1)))
}

func run(ctx context.Context, url string, body []byte, rate float64, duration time.Duration, conns int) (result, error) {
	tr := &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true}
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	defer tr.CloseIdleConnections()

	interval := time.Duration(float64(time.Second) / rate)
	total := int(duration / interval)
	lat := make([]time.Duration, total)
	failed := make([]bool, total)
	slots := make(chan struct{}, conns)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range total {
		intended := start.Add(time.Duration(i) * interval)
		if d := time.Until(intended); d > 0 {
			time.Sleep(d)
		}
		slots <- struct{}{} // when all conns are busy, the wait counts in the latency
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			var req *http.Request
			var err error
			if len(body) > 0 {
				req, err = http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
				if err == nil {
					req.Header.Set("Content-Type", "application/json")
				}
			} else {
				req, err = http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
			}
			if err == nil {
				var res *http.Response
				if res, err = client.Do(req); err == nil {
					_, err = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if res.StatusCode != http.StatusOK {
						err = fmt.Errorf("status %d", res.StatusCode)
					}
				}
			}
			lat[i] = time.Since(intended)
			failed[i] = err != nil
		}()
	}
	wg.Wait()
	r := result{sent: total, elapsed: time.Since(start)}
	for i := range total {
		if failed[i] {
			r.errors++
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	r.lat = lat
	return r, nil
}
