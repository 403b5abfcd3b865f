/* SPDX-License-Identifier: MIT */
/* A TINYAWS_CONFIG_FILE of an application (the lwIP opt.h pattern) with a setting the library
 * was not built with. */
#define TAWS_PAGE_TOKEN_MAX 1024
