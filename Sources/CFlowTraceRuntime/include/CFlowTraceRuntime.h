// Tiny C helpers for the runtime's hot path: a thread-local slot, the global mode word,
// cheap clocks and a thread-exit hook.
#ifndef FLOWTRACE_CRUNTIME_H
#define FLOWTRACE_CRUNTIME_H
#include <stdint.h>
#include <time.h>
#if defined(__x86_64__)
#include <x86intrin.h>
#endif

/// The calling thread's recorder state (owned by Swift; NULL until first use).
extern _Thread_local void *ft_thread_state;

static inline void *ft_get_thread_state(void) { return ft_thread_state; }
static inline void ft_set_thread_state(void *state) { ft_thread_state = state; }

/// The runtime's mode word: 0 = tracing off. Bits are defined in Swift (`ModeBits`).
extern uint32_t ft_mode;

/// Relaxed load of the mode word (one plain load on x86 and arm64).
static inline uint32_t ft_mode_load(void) { return __atomic_load_n(&ft_mode, __ATOMIC_RELAXED); }
static inline void ft_mode_store(uint32_t value) {
  __atomic_store_n(&ft_mode, value, __ATOMIC_SEQ_CST);
}

/// Atomic helpers on plain memory (the recorder's counters).
static inline long ft_load_acquire(const long *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
static inline long ft_load_relaxed(const long *p) { return __atomic_load_n(p, __ATOMIC_RELAXED); }
static inline void ft_store_release(long *p, long v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }
static inline void ft_add_relaxed(long *p, long v) { __atomic_fetch_add(p, v, __ATOMIC_RELAXED); }

/// CLOCK_MONOTONIC in nanoseconds.
static inline uint64_t ft_monotonic_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/// True when `ft_ticks` reads the CPU's cycle counter (else it is CLOCK_MONOTONIC in ns).
static inline int ft_ticks_are_cycles(void) {
#if defined(__x86_64__)
  return 1;
#else
  return 0;
#endif
}

/// A cheap monotonic tick: the invariant TSC on x86_64, CLOCK_MONOTONIC elsewhere.
static inline uint64_t ft_ticks(void) {
#if defined(__x86_64__)
  return __rdtsc();
#else
  return ft_monotonic_ns();
#endif
}

/// Calls `callback(value)` when the calling thread exits (pthread key destructor).
void ft_on_thread_exit(void *value, void (*callback)(void *));

/// Writes bytes to the C `stdout` stream (the one `print` uses).
void ft_stdout_write(const char *bytes, long count);
/// Flushes the C `stdout` stream.
void ft_stdout_flush(void);
/// Copies the calling thread's name into `buffer` (empty when unknown).
void ft_thread_name(char *buffer, int size);

/// The kernel's id of the calling thread.
int32_t ft_gettid(void);

/// The Swift runtime's id of the running async task (0 outside a task): unique in the process
/// and never reused, unlike the task's address.
uint64_t ft_current_task_id(void);

/// accept4(fd, NULL, NULL, SOCK_CLOEXEC): a connection that no fork + exec elsewhere in the
/// program can inherit (Glibc hides accept4 from Swift behind _GNU_SOURCE); -1 with errno.
int ft_accept_cloexec(int fd);

/// Names the calling thread (at most 15 bytes are kept).
void ft_set_thread_name(const char *name);

/// Makes a Swift class instance immortal, as the runtime's own static objects are: its
/// reference count word (the object's second word) gets the runtime's immortal bits
/// (`RefCount.h`, `immortalBits()`: strong extra count 2, the low 32 bits set, UseSlowRC), so
/// retains and releases only read it. For objects kept for the whole process that several
/// threads retain (render plans): otherwise each retain writes the object's cache line and the
/// line moves between cores. Returns 0 (nothing changed) when the word is not a plain inline
/// count (a side table, or already immortal) or on other architectures.
static inline int ft_make_immortal(void *object) {
#if defined(__x86_64__) || defined(__aarch64__)
  uint64_t *word = (uint64_t *)object + 1;
  uint64_t old = __atomic_load_n(word, __ATOMIC_RELAXED);
  if (old >> 63) return 0;
  uint64_t immortal = ((uint64_t)2 << 33) | 0xFFFFFFFFull | ((uint64_t)1 << 63);
  return __atomic_compare_exchange_n(word, &old, immortal, 0, __ATOMIC_RELAXED,
                                     __ATOMIC_RELAXED);
#else
  (void)object;
  return 0;
#endif
}

#endif
