/* replay.c - the main of a fuzz harness built as a plain program for
 * `make check`: runs LLVMFuzzerTestOneInput on every file of its seed
 * corpus, tests/fuzz/corpus/NAME for fuzz-NAME (or of the files and
 * directories given), and prints TAP. A crash or a disagreement aborts,
 * which the TAP driver reports as a failure. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned long run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t n = 0, cap = 0, r;

	if (!f) {
		printf("Bail out! %s: %s\n", path, strerror(errno));
		exit(99);
	}
	do {
		if (n == cap && !(buf = realloc(buf, cap = cap * 2 + 4096)))
			abort();
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	fclose(f);
	/* an exact copy, so that ASan sees a read past the end */
	uint8_t *in = malloc(n ? n : 1);
	if (!in)
		abort();
	memcpy(in, buf, n);
	free(buf);
	LLVMFuzzerTestOneInput(in, n);
	free(in);
	return 1;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static unsigned long run_path(const char *path)
{
	struct dirent **ents;
	struct stat st;
	unsigned long count = 0;
	int n;

	if (stat(path, &st) == 0 && !S_ISDIR(st.st_mode))
		return run_file(path);
	if ((n = scandir(path, &ents, NULL, by_name)) < 0) {
		printf("Bail out! %s: %s\n", path, strerror(errno));
		exit(99);
	}
	for (int i = 0; i < n; i++) {
		if (ents[i]->d_name[0] != '.') {
			char *p = malloc(strlen(path) + strlen(ents[i]->d_name) + 2);
			sprintf(p, "%s/%s", path, ents[i]->d_name);
			count += run_path(p);
			free(p);
		}
		free(ents[i]);
	}
	free(ents);
	return count;
}

int main(int argc, char **argv)
{
	const char *base = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	const char *top = getenv("TOP_SRCDIR");
	int tap = 0;

	if (!strncmp(base, "lt-", 3))
		base += 3;
	if (!strncmp(base, "fuzz-", 5))
		base += 5;
	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			printf("ok %d - %s: %lu inputs\n", ++tap, argv[i], run_path(argv[i]));
	} else {
		char *dir = malloc(strlen(top ? top : ".") + strlen(base) + 32);
		sprintf(dir, "%s/tests/fuzz/corpus/%s", top ? top : ".", base);
		printf("ok %d - corpus %s: %lu inputs, no crash, no disagreement\n", ++tap, base,
		       run_path(dir));
		free(dir);
	}
	printf("1..%d\n", tap);
	return 0;
}
