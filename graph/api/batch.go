package api

import (
	"context"
	"runtime"
	"sync"
	"time"
)

// batcher collects the keys that the resolvers of one request ask for at
// about the same time and fetches them with one call. gqlgen resolves the
// fields of a list's elements in concurrent goroutines, so the keys of a
// whole list arrive together; the batcher waits until no new key has
// arrived for idle (200µs, yielding to the resolvers meanwhile) or maxWait
// has passed since the first, whichever is first. A fixed wait, as most
// dataloaders use (1–16 ms), would add that much to every nested level of
// every query; the idle rule costs about 200µs per level. On a starved
// CPU a batch can still split, which costs a call, never an answer.
//
// Results are remembered for the rest of the request, so an entity that is
// the end of many relations is fetched once.
type batcher[K comparable, V any] struct {
	fetch    func(ctx context.Context, keys []K) ([]V, error)
	maxBatch int
	idle     time.Duration // dispatch once no key arrived for this long
	maxWait  time.Duration // or once the first key waited this long

	mu    sync.Mutex
	cur   *batch[K, V]
	cache map[K]slot[K, V]
}

type batch[K comparable, V any] struct {
	keys    []K
	vals    []V
	err     error
	done    chan struct{}
	started bool // a load is waiting on it, so a dispatcher runs
	primed  bool // a list's resolver put keys in ahead of its elements
}

type slot[K comparable, V any] struct {
	b *batch[K, V]
	i int
}

func newBatcher[K comparable, V any](fetch func(context.Context, []K) ([]V, error)) *batcher[K, V] {
	return &batcher[K, V]{
		fetch:    fetch,
		maxBatch: 1000,
		idle:     200 * time.Microsecond,
		maxWait:  2 * time.Millisecond,
		cache:    make(map[K]slot[K, V]),
	}
}

// load returns the value for key, fetched in a batch with the keys other
// resolvers ask for meanwhile.
func (b *batcher[K, V]) load(ctx context.Context, key K) (V, error) {
	b.mu.Lock()
	s := b.enqueue(ctx, key)
	b.mu.Unlock()
	return s.wait(ctx)
}

// loadMany returns the values for keys, in order, fetched in one batch
// with the keys other resolvers ask for meanwhile.
func (b *batcher[K, V]) loadMany(ctx context.Context, keys []K) ([]V, error) {
	slots := make([]slot[K, V], len(keys))
	b.mu.Lock()
	for i, k := range keys {
		slots[i] = b.enqueue(ctx, k)
	}
	b.mu.Unlock()
	out := make([]V, len(keys))
	for i, s := range slots {
		v, err := s.wait(ctx)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// prime adds keys to the next batch without waiting for it and without
// starting it: a resolver that returns a list primes the keys its
// elements' fields will ask for, so they share one batch however the
// goroutines are scheduled. Primed keys nobody loads cost nothing unless
// another key of the batch is loaded.
func (b *batcher[K, V]) prime(keys []K) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, k := range keys {
		if s := b.add(k); !s.b.started {
			s.b.primed = true
		}
	}
}

// add puts key in the current batch (or finds it cached) and must be
// called with b.mu held.
func (b *batcher[K, V]) add(key K) slot[K, V] {
	if s, ok := b.cache[key]; ok {
		return s
	}
	if b.cur == nil || len(b.cur.keys) >= b.maxBatch {
		b.cur = &batch[K, V]{done: make(chan struct{})}
	}
	s := slot[K, V]{b: b.cur, i: len(b.cur.keys)}
	b.cur.keys = append(b.cur.keys, key)
	b.cache[key] = s
	return s
}

// enqueue adds key and makes sure its batch will be fetched; it must be
// called with b.mu held.
func (b *batcher[K, V]) enqueue(ctx context.Context, key K) slot[K, V] {
	s := b.add(key)
	if !s.b.started {
		s.b.started = true
		// The first caller's ctx carries the request's deadline; every
		// caller of one batch belongs to the same request.
		go b.dispatch(ctx, s.b)
	}
	return s
}

func (b *batcher[K, V]) dispatch(ctx context.Context, bt *batch[K, V]) {
	b.mu.Lock()
	primed := bt.primed
	b.mu.Unlock()
	if primed {
		// The list that primed the batch named the keys its elements
		// will ask for; waiting would only add latency. A key nobody
		// primed goes to the next batch.
		runtime.Gosched()
		b.fetchBatch(ctx, bt)
		return
	}
	start := time.Now()
	lastChange, last := start, -1
	for {
		// Yield rather than sleep: when the resolvers that will ask for
		// keys are runnable they run now, and when none are the wait is
		// short.
		runtime.Gosched()
		now := time.Now()
		b.mu.Lock()
		n := len(bt.keys)
		b.mu.Unlock()
		if n >= b.maxBatch {
			break
		}
		if n != last {
			last, lastChange = n, now
		}
		if now.Sub(lastChange) >= b.idle || now.Sub(start) >= b.maxWait {
			break
		}
	}
	b.fetchBatch(ctx, bt)
}

// fetchBatch closes bt to new keys, fetches it and wakes its waiters.
func (b *batcher[K, V]) fetchBatch(ctx context.Context, bt *batch[K, V]) {
	b.mu.Lock()
	if b.cur == bt {
		b.cur = nil
	}
	keys := bt.keys
	b.mu.Unlock()

	defer close(bt.done)
	defer func() {
		// A panicking store must not leave every waiter blocked; the
		// waiters report an error and gqlgen's own recovery is not
		// reachable from this goroutine.
		if p := recover(); p != nil {
			bt.err = &panicError{value: p, stack: stack()}
		}
	}()
	vals, err := b.fetch(ctx, keys)
	if err == nil && len(vals) != len(keys) {
		err = errLengthMismatch
	}
	bt.vals, bt.err = vals, err
}

func (s slot[K, V]) wait(ctx context.Context) (V, error) {
	var zero V
	select {
	case <-s.b.done:
	case <-ctx.Done():
		return zero, ctx.Err()
	}
	if s.b.err != nil {
		return zero, s.b.err
	}
	return s.b.vals[s.i], nil
}
