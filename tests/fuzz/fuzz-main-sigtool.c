/* fuzz-main-sigtool.c - sigtool's real main(), renamed sigtool_main, for
 * fuzz-main.c to call once per input. */
#define main sigtool_main
#include "../../src/sigtool.c"
