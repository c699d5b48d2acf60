/* tracefmt.c - the `format` files of tracefs, parsed by hand: two
 * tracepoints and a handful of integer fields do not need libtraceevent,
 * and a parser of our own keeps the static build and is fuzzed. */
#include "config.h"

#include <string.h>

#include "i18n.h"
#include "tracefmt.h"
#include "util.h"

/* The unsigned decimal after "key:" at *p (within end), moving *p past
 * it; false if it is not there or is above max. */
static bool take_num(const char **p, const char *end, const char *key, unsigned max,
		     unsigned *v)
{
	size_t k = strlen(key);
	const char *s = *p;
	unsigned long n = 0;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if ((size_t)(end - s) <= k || memcmp(s, key, k))
		return false;
	s += k;
	if (s >= end || *s < '0' || *s > '9')
		return false;
	for (; s < end && *s >= '0' && *s <= '9'; s++)
		if ((n = n * 10 + (unsigned)(*s - '0')) > max)
			return false;
	if (s >= end || *s != ';')
		return false;
	*v = (unsigned)n;
	*p = s + 1;
	return true;
}

/* The name in "TYPE NAME[N]" (decl..semi): its last word, without [N]. */
static bool field_name(const char *decl, const char *semi, char out[TRACEFMT_NAME_MAX])
{
	const char *b = semi, *e;

	while (b > decl && b[-1] != ' ' && b[-1] != '\t')
		b--;
	e = memchr(b, '[', (size_t)(semi - b));
	if (!e)
		e = semi;
	if (e == b || (size_t)(e - b) >= TRACEFMT_NAME_MAX)
		return false;
	/* a C identifier, as the kernel's TP_STRUCT__entry has them */
	for (const char *p = b; p < e; p++)
		if (!(*p == '_' || c_isdigit(*p) || (*p >= 'a' && *p <= 'z')
		      || (*p >= 'A' && *p <= 'Z')))
			return false;
	memcpy(out, b, (size_t)(e - b));
	out[e - b] = '\0';
	return true;
}

/* One "field:TYPE NAME;\toffset:N;\tsize:N;\tsigned:N;" line (without
 * "field:"), line..end. */
static int field_line(const char *line, const char *end, struct tracefmt *f, struct perr *e)
{
	const char *semi = memchr(line, ';', (size_t)(end - line)), *p;
	struct tracefmt_field fl;
	unsigned sgn;

	if (!semi || !field_name(line, semi, fl.name))
		return perr_set(e, _("a field line without a name"));
	p = semi + 1;
	if (!take_num(&p, end, "offset:", 65535, &fl.offset)
	    || !take_num(&p, end, "size:", 65535, &fl.size)
	    || !take_num(&p, end, "signed:", 1, &sgn))
		return perr_set(e, _("field '%s': no offset, size or signed part"), fl.name);
	if (fl.offset + fl.size > 65536)
		return perr_set(e, _("field '%s' ends past 64 KiB"), fl.name);
	fl.is_signed = sgn;
	if (f->nfields < TRACEFMT_FIELDS_MAX)
		f->f[f->nfields++] = fl;
	return 0;
}

/* The number of an "ID: N" line, or -1. */
static int line_id(const char *s, const char *le)
{
	long n = 0;

	while (s < le && *s == ' ')
		s++;
	if (s == le)
		return -1;
	for (; s < le; s++) {
		if (*s < '0' || *s > '9' || (n = n * 10 + (*s - '0')) > 1 << 30)
			return -1;
	}
	return (int)n;
}

static bool starts(const char *s, const char *end, const char *word)
{
	size_t k = strlen(word);

	return (size_t)(end - s) >= k && !memcmp(s, word, k);
}

int tracefmt_parse(const char *buf, size_t len, struct tracefmt *f, struct perr *e)
{
	const char *p = buf, *end = buf + len;

	f->id = -1;
	f->nfields = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *s = p;
		const char *le = nl ? nl : end;

		while (s < le && (*s == ' ' || *s == '\t'))
			s++;
		if (starts(s, le, "field:")) {
			if (field_line(s + 6, le, f, e) < 0)
				return -1;
		} else if (starts(s, le, "ID:")) {
			f->id = line_id(s + 3, le);
		}
		p = le + 1;
	}
	if (!f->nfields)
		return perr_set(e, _("no field lines"));
	return 0;
}

const struct tracefmt_field *tracefmt_find(const struct tracefmt *f, const char *name)
{
	for (size_t i = 0; i < f->nfields; i++)
		if (!strcmp(f->f[i].name, name))
			return &f->f[i];
	return NULL;
}

int tracefmt_int(const struct tracefmt_field *fl, const void *raw, size_t len, int64_t *v)
{
	const unsigned char *p = (const unsigned char *)raw + fl->offset;
	union { uint8_t u8; uint16_t u16; uint32_t u32; uint64_t u64; } u;

	if (fl->offset > len || fl->size > len - fl->offset)
		return -1;
	switch (fl->size) {
	case 1: memcpy(&u.u8, p, 1); *v = fl->is_signed ? (int64_t)(int8_t)u.u8 : (int64_t)u.u8; break;
	case 2: memcpy(&u.u16, p, 2); *v = fl->is_signed ? (int64_t)(int16_t)u.u16 : (int64_t)u.u16; break;
	case 4: memcpy(&u.u32, p, 4); *v = fl->is_signed ? (int64_t)(int32_t)u.u32 : (int64_t)u.u32; break;
	case 8: memcpy(&u.u64, p, 8); *v = (int64_t)u.u64; break;
	default: return -1;
	}
	return 0;
}
