/* sigjson.c - the JSON fields every verb uses to describe one signal. */
#include "config.h"

#include "out.h"
#include "sig.h"
#include "sigjson.h"

void json_signal_fields(bool *first, int signo)
{
	char nb[SIG_NAME_MAX], db[SIG_DESCR_MAX];

	json_key(first, "signo");
	out_uint(signo);
	json_key(first, "name");
	json_str(sig_name(signo, nb));
	json_key(first, "description");
	json_str(sig_describe_c(signo, db));
	json_key(first, "default_action");
	json_str(sig_action_name(sig_default_action(signo)));
}
