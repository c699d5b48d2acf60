/* sigtool.c - main: locale, checked stdout, global options, verb dispatch. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "core/i18n.h"
#include "core/msg.h"
#include "core/out.h"

static int help_verb(int argc, char **argv)
{
	const struct cmd *c;

	if (argc < 2) {
		cmd_print_main_help();
		return EXIT_SUCCESS;
	}
	if (argc > 2)
		usage_error(_("'help' takes at most one verb"));
	if (!(c = cmd_find(argv[1]))) {
		const char *near = cmd_nearest(argv[1]);
		if (near)
			usage_error(_("unknown verb '%s' (did you mean %s?)"), argv[1], near);
		usage_error(_("unknown verb '%s'"), argv[1]);
	}
	cmd_print_help(c);
	return EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
	const struct cmd *c;
	const char *verb;

	/* A verb may load the locale on first use instead (see i18n.h). */
	c = argc >= 2 ? cmd_find(argv[1]) : NULL;
	if (!c || !c->locale_on_demand)
		i18n_init();
	out_init();

	if (argc < 2)
		usage_error(_("missing verb"));
	verb = argv[1];
	if (!strcmp(verb, "--help") || !strcmp(verb, "-h"))
		return help_verb(1, argv);
	if (!strcmp(verb, "--version") || !strcmp(verb, "-V")) {
		cmd_print_version();
		return EXIT_SUCCESS;
	}
	/* Hidden helpers that keep the shell completions in step with the table. */
	if (!strcmp(verb, "--list-verbs")) {
		cmd_list_verbs();
		return EXIT_SUCCESS;
	}
	if (!strcmp(verb, "--complete"))
		return cmd_complete(argc - 2, argv + 2);
	if (!strcmp(verb, "help"))
		return help_verb(argc - 1, argv + 1);
	if (verb[0] == '-')
		usage_error(_("unrecognized option '%s'"), verb);
	if (!(c = cmd_find(verb))) {
		const char *near = cmd_nearest(verb);
		if (near)
			usage_error(_("unknown verb '%s' (did you mean %s?)"), verb, near);
		usage_error(_("unknown verb '%s'"), verb);
	}
	msg_verb = c->name;
	return c->run(argc - 1, argv + 1);
}
