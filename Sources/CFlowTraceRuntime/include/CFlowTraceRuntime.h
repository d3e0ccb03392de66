// Tiny C helpers for the runtime's hot path: a thread-local slot and cheap clocks.
#ifndef FLOWTRACE_CRUNTIME_H
#define FLOWTRACE_CRUNTIME_H
#include <stdint.h>
#include <time.h>

/// The calling thread's recorder state (owned by Swift; NULL until first use).
extern _Thread_local void *ft_thread_state;

static inline void *ft_get_thread_state(void) { return ft_thread_state; }
static inline void ft_set_thread_state(void *state) { ft_thread_state = state; }

/// CLOCK_MONOTONIC in nanoseconds.
static inline uint64_t ft_monotonic_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}
#endif
