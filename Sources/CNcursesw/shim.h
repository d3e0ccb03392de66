// Curses macros and wide-character calls that Swift cannot import, as static inline functions.
#ifndef FLOWTRACE_CNCURSESW_SHIM_H
#define FLOWTRACE_CNCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline attr_t ft_a_bold(void) { return A_BOLD; }
#endif
