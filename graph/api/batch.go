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
// arrived for a couple of scheduler yields (a "tick", as JavaScript's
// DataLoader waits for the next tick) or maxWait has passed, whichever is
// first. Yielding instead of sleeping keeps a lone lookup fast.
//
// Results are remembered for the rest of the request, so an entity that is
// the end of many relations is fetched once.
type batcher[K comparable, V any] struct {
	fetch    func(ctx context.Context, keys []K) ([]V, error)
	maxBatch int
	maxWait  time.Duration

	mu    sync.Mutex
	cur   *batch[K, V]
	cache map[K]slot[K, V]
}

type batch[K comparable, V any] struct {
	keys []K
	vals []V
	err  error
	done chan struct{}
}

type slot[K comparable, V any] struct {
	b *batch[K, V]
	i int
}

func newBatcher[K comparable, V any](fetch func(context.Context, []K) ([]V, error)) *batcher[K, V] {
	return &batcher[K, V]{
		fetch:    fetch,
		maxBatch: 1000,
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

// enqueue must be called with b.mu held.
func (b *batcher[K, V]) enqueue(ctx context.Context, key K) slot[K, V] {
	if s, ok := b.cache[key]; ok {
		return s
	}
	if b.cur == nil || len(b.cur.keys) >= b.maxBatch {
		b.cur = &batch[K, V]{done: make(chan struct{})}
		// The first caller's ctx carries the request's deadline; every
		// caller of one batch belongs to the same request.
		go b.dispatch(ctx, b.cur)
	}
	s := slot[K, V]{b: b.cur, i: len(b.cur.keys)}
	b.cur.keys = append(b.cur.keys, key)
	b.cache[key] = s
	return s
}

func (b *batcher[K, V]) dispatch(ctx context.Context, bt *batch[K, V]) {
	deadline := time.Now().Add(b.maxWait)
	last, stable := -1, 0
	for stable < 3 && time.Now().Before(deadline) {
		runtime.Gosched()
		b.mu.Lock()
		n := len(bt.keys)
		b.mu.Unlock()
		if n >= b.maxBatch {
			break
		}
		if n == last {
			stable++
		} else {
			last, stable = n, 0
		}
	}
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
