/* tracefmt.h - the `format` files of tracefs: which fields a tracepoint's
 * raw record holds, at which offset, of which size and signedness, so that
 * no layout is hard-coded; and reading one field out of a raw record. */
#ifndef SIGTOOL_TRACEFMT_H
#define SIGTOOL_TRACEFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parse.h"

#define TRACEFMT_NAME_MAX 32    /* longest field name kept, NUL included */
#define TRACEFMT_FIELDS_MAX 32  /* fields kept per tracepoint */

struct tracefmt_field {
	char name[TRACEFMT_NAME_MAX];   /* "sig", "comm" (an array's [N] dropped) */
	unsigned offset, size;
	bool is_signed;
};

struct tracefmt {
	int id;                         /* the ID: line, -1 if there is none */
	size_t nfields;
	struct tracefmt_field f[TRACEFMT_FIELDS_MAX];
};

/* Parse the text of a format file (len bytes, need not be NUL-ended).
 * Returns 0, or -1 with a message in *e for text that is not a format file
 * (no field lines, a field line without its offset, size or signed parts,
 * a field that ends past 64 KiB). */
int tracefmt_parse(const char *buf, size_t len, struct tracefmt *f, struct perr *e);

/* The field called name, or NULL. */
const struct tracefmt_field *tracefmt_find(const struct tracefmt *f, const char *name);

/* The integer field fl (size 1, 2, 4 or 8; sign-extended where the field
 * is signed) of a raw record of len bytes; 0, or -1 if it does not fit in
 * the record. */
int tracefmt_int(const struct tracefmt_field *fl, const void *raw, size_t len, int64_t *v);

#endif
