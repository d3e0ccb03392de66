#define _GNU_SOURCE
#include "CFlowTraceRuntime.h"
#include <pthread.h>
#include <sys/socket.h>

int ft_accept_cloexec(int fd) { return accept4(fd, NULL, NULL, SOCK_CLOEXEC); }

void ft_set_thread_name(const char *name) { pthread_setname_np(pthread_self(), name); }
