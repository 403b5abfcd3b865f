/* SPDX-License-Identifier: MIT */
/* The library's own version string: the TAWS_VERSION_STRING of the headers it was built with. */
#include "tinyaws/tinyaws.h"

const char *taws_version(void)
{
    return TAWS_VERSION_STRING;
}
