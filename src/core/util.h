/* util.h - small locale-independent string helpers and checked allocation. */
#ifndef SIGTOOL_UTIL_H
#define SIGTOOL_UTIL_H

#include <stddef.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ASCII-only case mapping: "int" means INT even in a Turkish locale. */
static inline int c_toupper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

static inline int c_isdigit(int c)
{
	return c >= '0' && c <= '9';
}

int c_strcasecmp(const char *a, const char *b);
int c_strncasecmp(const char *a, const char *b, size_t n);

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
