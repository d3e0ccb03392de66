#define _GNU_SOURCE
#include "CFlowTraceRuntime.h"
#include <pthread.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <stdio.h>

_Thread_local void *ft_thread_state = 0;
// Before the runtime starts, tracing is on with autoPrint, arguments and results (the
// defaults); the first traced call starts the runtime, which applies the environment.
uint32_t ft_mode = (1u << 1) | (1u << 4) | (1u << 5);

static pthread_key_t exit_key;
static pthread_once_t exit_once = PTHREAD_ONCE_INIT;
static void (*exit_callback)(void *) = 0;

// Every thread stores the (same) callback while others may be exiting: atomic, so it is not
// a data race (ThreadSanitizer reported one here).
static void run_exit_callback(void *value) {
  void (*callback)(void *) = __atomic_load_n(&exit_callback, __ATOMIC_ACQUIRE);
  if (callback && value) callback(value);
}

static void make_exit_key(void) { pthread_key_create(&exit_key, run_exit_callback); }

void ft_on_thread_exit(void *value, void (*callback)(void *)) {
  pthread_once(&exit_once, make_exit_key);
  __atomic_store_n(&exit_callback, callback, __ATOMIC_RELEASE);
  pthread_setspecific(exit_key, value);
}

int32_t ft_gettid(void) { return (int32_t)syscall(SYS_gettid); }

// Exported by libswift_Concurrency (debuggers and profilers use them). They use the Swift
// calling convention, which for these signatures passes and returns in the C registers.
extern void *swift_task_getCurrent(void);
extern uint64_t swift_task_getJobTaskId(void *job);

uint64_t ft_current_task_id(void) {
  void *task = swift_task_getCurrent();
  return task ? swift_task_getJobTaskId(task) : 0;
}

void ft_stdout_write(const char *bytes, long count) { fwrite(bytes, 1, (size_t)count, stdout); }
void ft_stdout_flush(void) { fflush(stdout); }

void ft_thread_name(char *buffer, int size) {
  buffer[0] = 0;
  if (pthread_getname_np(pthread_self(), buffer, (size_t)size) != 0) buffer[0] = 0;
}
