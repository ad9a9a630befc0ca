package server

import (
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are what /metrics exposes. Label values come from closed sets
// (routes, status codes, error codes) or are capped (operation names), so
// a client cannot grow the series without bound.
type metrics struct {
	requests   *prometheus.CounterVec   // route, code
	latency    *prometheus.HistogramVec // route
	operations *prometheus.CounterVec   // operation
	errors     *prometheus.CounterVec   // code
	loadTime   prometheus.Gauge
	loaded     *prometheus.GaugeVec // what: documents, entities, relations, load_errors
	ready      prometheus.Gauge

	mu      sync.Mutex
	opNames map[string]bool
}

// maxOperationNames caps the distinct operation-name label values; names
// past it, and names that are not GraphQL names, count as "other".
const maxOperationNames = 200

var operationNameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "collabgraph_http_requests_total",
			Help: "HTTP requests by route pattern and status code.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "collabgraph_http_request_duration_seconds",
			Help:    "HTTP request latency by route pattern.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route"}),
		operations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "collabgraph_graphql_operations_total",
			Help: "GraphQL operations by operation name (anonymous, other past the cap).",
		}, []string{"operation"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "collabgraph_graphql_errors_total",
			Help: "GraphQL errors by extensions.code.",
		}, []string{"code"}),
		loadTime: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "collabgraph_store_load_seconds",
			Help: "How long the last load of the store took.",
		}),
		loaded: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "collabgraph_store_loaded",
			Help: "What the last load put in the store: documents, entities, relations, load_errors.",
		}, []string{"what"}),
		ready: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "collabgraph_ready",
			Help: "1 once the initial load is done.",
		}),
		opNames: make(map[string]bool),
	}
	reg.MustRegister(m.requests, m.latency, m.operations, m.errors, m.loadTime, m.loaded, m.ready,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) observe(route string, code int, took time.Duration) {
	m.requests.WithLabelValues(route, statusLabel(code)).Inc()
	m.latency.WithLabelValues(route).Observe(took.Seconds())
}

func (m *metrics) operation(name string) {
	switch {
	case name == "":
		name = "anonymous"
	case !operationNameRE.MatchString(name):
		name = "other"
	default:
		m.mu.Lock()
		if !m.opNames[name] {
			if len(m.opNames) >= maxOperationNames {
				name = "other"
			} else {
				m.opNames[name] = true
			}
		}
		m.mu.Unlock()
	}
	m.operations.WithLabelValues(name).Inc()
}

var statusLabels = func() map[int]string {
	out := make(map[int]string)
	for c := 100; c < 600; c++ {
		out[c] = strconv.Itoa(c)
	}
	return out
}()

func statusLabel(code int) string {
	if s, ok := statusLabels[code]; ok {
		return s
	}
	return "other"
}
