/**
 * {@code tocsin bench fanout}: a non-blocking load client (NIO selector threads, no thread per connection) that
 * measures fan-out time-to-all for Tocsin's SSE and WebSocket streams and for peers (nchan, a raw NIO floor) in the
 * same run, plus memory per idle subscriber. See docs/benchmarks.md.
 */
package io.tocsin.bench.fanout;
