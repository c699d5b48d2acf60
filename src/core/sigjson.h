/* sigjson.h - the JSON fields every verb uses to describe one signal. */
#ifndef SIGTOOL_SIGJSON_H
#define SIGTOOL_SIGJSON_H

#include <stdbool.h>

/* "signo", "name", "description" and "default_action" of signo. */
void json_signal_fields(bool *first, int signo);

#endif
