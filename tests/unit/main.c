/* Unit-test entry point: every suite, host or target. argv[1] filters by name. */
#include <stddef.h>
#include "check.h"
#include "suites.h"

int check_run(const check_suite_t *const *suites, size_t nsuites, const char *filter);

int main(int argc, char **argv)
{
    return check_run(all_suites, sizeof all_suites / sizeof all_suites[0],
                     argc > 1 ? argv[1] : NULL);
}
