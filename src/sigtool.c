/* sigtool.c - main: locale, checked stdout, global options, verb dispatch. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "core/i18n.h"
#include "core/msg.h"
#include "core/out.h"

/* The verb NAME, or a usage error that names the verbs it could mean. */
static const struct cmd *verb(const char *name)
{
	const struct cmd *c = cmd_find(name);
	const char *near[4];

	if (c)
		return c;
	cmd_nearest(name, near);
	if (!near[0])
		usage_error(_("unknown verb '%s'"), name);
	if (!near[1])
		usage_error(_("unknown verb '%s' (did you mean %s?)"), name, near[0]);
	if (!near[2])
		usage_error(_("unknown verb '%s' (did you mean %s or %s?)"), name, near[0], near[1]);
	usage_error(_("unknown verb '%s' (did you mean %s, %s or %s?)"), name, near[0],
		    near[1], near[2]);
}

static int help_verb(int argc, char **argv)
{
	if (argc < 2) {
		cmd_print_main_help();
		return EXIT_SUCCESS;
	}
	if (argc > 2)
		usage_error(_("'help' takes at most one verb"));
	cmd_print_help(verb(argv[1]));
	return EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
	const struct cmd *c;
	const char *word;

	/* A verb may load the locale on first use instead (see i18n.h). */
	c = argc >= 2 ? cmd_find(argv[1]) : NULL;
	if (!c || !c->locale_on_demand)
		i18n_init();
	out_init();

	if (argc < 2)
		usage_error(_("missing verb"));
	word = argv[1];
	/* "sigtool --help VERB" is "sigtool help VERB" */
	if (!strcmp(word, "--help") || !strcmp(word, "-h"))
		return help_verb(argc - 1, argv + 1);
	if (!strcmp(word, "--version") || !strcmp(word, "-V")) {
		cmd_print_version();
		return EXIT_SUCCESS;
	}
	/* Hidden helpers that keep the shell completions in step with the table. */
	if (!strcmp(word, "--list-verbs")) {
		cmd_list_verbs();
		return EXIT_SUCCESS;
	}
	if (!strcmp(word, "--complete"))
		return cmd_complete(argc - 2, argv + 2);
	if (!strcmp(word, "help"))
		return help_verb(argc - 1, argv + 1);
	if (word[0] == '-')
		usage_error(_("unrecognized option '%s'"), word);
	c = verb(word);
	msg_verb = c->name;
	return cmd_run(c, argc - 1, argv + 1);
}
