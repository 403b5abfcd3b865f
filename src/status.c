/* SPDX-License-Identifier: MIT */
/* Text for status codes, generated from the one list in status.h. */
#include "common.h"

static const char *const status_text[] = {
#define TAWS_X_TEXT(name, text) text,
    TAWS_STATUS_LIST(TAWS_X_TEXT)
#undef TAWS_X_TEXT
};

#if TAWS_STATUS_NAMES
static const char *const status_names[] = {
#define TAWS_X_NAME(name, text) #name,
    TAWS_STATUS_LIST(TAWS_X_NAME)
#undef TAWS_X_NAME
};
#endif

const char *taws_strerror(taws_status_t st)
{
    if ((unsigned)st >= (unsigned)TAWS_STATUS_COUNT)
        return "unknown status";
    return status_text[st];
}

const char *taws_status_name(taws_status_t st)
{
#if TAWS_STATUS_NAMES
    if ((unsigned)st >= (unsigned)TAWS_STATUS_COUNT)
        return "TAWS_UNKNOWN";
    return status_names[st];
#else
    return taws_strerror(st); /* names compiled out to save flash */
#endif
}
