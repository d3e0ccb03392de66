#include "CFlowTraceRuntime.h"

_Thread_local void *ft_thread_state = 0;
