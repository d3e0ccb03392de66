// Curses macros and wide-character calls that Swift cannot import, as static inline functions.
#ifndef FLOWTRACE_CNCURSESW_SHIM_H
#define FLOWTRACE_CNCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/// wcwidth(3) is hidden by the C library module's feature macros: declare it here.
extern int wcwidth(wchar_t c);
static inline int ft_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

static inline attr_t ft_a_normal(void) { return A_NORMAL; }
static inline attr_t ft_a_bold(void) { return A_BOLD; }
static inline attr_t ft_a_dim(void) { return A_DIM; }
static inline attr_t ft_a_reverse(void) { return A_REVERSE; }
static inline attr_t ft_a_underline(void) { return A_UNDERLINE; }
static inline attr_t ft_a_standout(void) { return A_STANDOUT; }
static inline attr_t ft_a_italic(void) { return A_ITALIC; }
static inline attr_t ft_a_blink(void) { return A_BLINK; }

/// KEY_F(n) as a function.
static inline int ft_key_f(int n) { return KEY_F(n); }

/// The standard screen (a global variable that trips Swift's concurrency checks).
static inline WINDOW *ft_stdscr(void) { return stdscr; }
static inline int ft_colors(void) { return COLORS; }
static inline int ft_color_pairs(void) { return COLOR_PAIRS; }
static inline void ft_set_escdelay(int ms) { set_escdelay(ms); }

/// Writes `len` wide characters at (y, x) with attributes and a colour pair, one cell each
/// (a wide character takes two cells; the caller passes only the characters that fit).
static inline int ft_put_wstr(int y, int x, const wchar_t *text, int len, attr_t attrs,
                              short pair) {
  if (wmove(stdscr, y, x) == ERR) return ERR;
  wattr_set(stdscr, attrs, pair, NULL);
  int rc = waddnwstr(stdscr, text, len);
  wattr_set(stdscr, A_NORMAL, 0, NULL);
  return rc;
}

/// Reads one key: returns OK for a character, KEY_CODE_YES for a function key, ERR on timeout.
static inline int ft_get_wch(wint_t *out) { return wget_wch(stdscr, out); }

/// The locale's character set is UTF-8 (after setlocale).
static inline int ft_locale_is_utf8(void) {
  const char *cs = nl_langinfo(CODESET);
  if (!cs) return 0;
  return (cs[0] == 'U' || cs[0] == 'u') && (cs[1] == 'T' || cs[1] == 't') &&
         (cs[2] == 'F' || cs[2] == 'f') && ((cs[3] == '-' && cs[4] == '8') || cs[3] == '8');
}
#endif
