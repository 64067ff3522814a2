#ifndef AIGOV_CNCURSES_SHIM_H
#define AIGOV_CNCURSES_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Swift cannot see function-like macros or (safely, under Swift 6) C globals, so the few
   the console needs are wrapped here as static inline functions. */

static inline WINDOW *aigov_stdscr(void) { return stdscr; }
static inline int aigov_rows(void) { int y, x; getmaxyx(stdscr, y, x); (void)x; return y; }
static inline int aigov_cols(void) { int y, x; getmaxyx(stdscr, y, x); (void)y; return x; }
static inline int aigov_colors(void) { return COLORS; }
static inline int aigov_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t aigov_a_normal(void) { return A_NORMAL; }
static inline attr_t aigov_a_bold(void) { return A_BOLD; }
static inline attr_t aigov_a_reverse(void) { return A_REVERSE; }
static inline attr_t aigov_a_underline(void) { return A_UNDERLINE; }
static inline attr_t aigov_a_dim(void) { return A_DIM; }

static inline int aigov_key_code_yes(void) { return KEY_CODE_YES; }
static inline int aigov_key_up(void) { return KEY_UP; }
static inline int aigov_key_down(void) { return KEY_DOWN; }
static inline int aigov_key_left(void) { return KEY_LEFT; }
static inline int aigov_key_right(void) { return KEY_RIGHT; }
static inline int aigov_key_home(void) { return KEY_HOME; }
static inline int aigov_key_end(void) { return KEY_END; }
static inline int aigov_key_ppage(void) { return KEY_PPAGE; }
static inline int aigov_key_npage(void) { return KEY_NPAGE; }
static inline int aigov_key_enter(void) { return KEY_ENTER; }
static inline int aigov_key_backspace(void) { return KEY_BACKSPACE; }
static inline int aigov_key_dc(void) { return KEY_DC; }
static inline int aigov_key_btab(void) { return KEY_BTAB; }
static inline int aigov_key_resize(void) { return KEY_RESIZE; }

/* get_wch with the result split into its return code and character, since Swift
   handles a wint_t out-parameter awkwardly. */
static inline int aigov_get_wch(int *out) {
    wint_t ch = 0;
    int rc = get_wch(&ch);
    *out = (int)ch;
    return rc;
}

/* Draws n wide characters at (y, x) with one attribute set and colour pair. */
static inline int aigov_draw_run(int y, int x, const wchar_t *s, int n, attr_t attrs, short pair) {
    attr_set(attrs, pair, NULL);
    return mvaddnwstr(y, x, s, n);
}
#endif
