/* Text for status codes, generated from the one list in status.h. */
#include "tinyaws/status.h"

static const char *const status_text[] = {
#define TAWS_X_TEXT(name, text) text,
    TAWS_STATUS_LIST(TAWS_X_TEXT)
#undef TAWS_X_TEXT
};

static const char *const status_names[] = {
#define TAWS_X_NAME(name, text) #name,
    TAWS_STATUS_LIST(TAWS_X_NAME)
#undef TAWS_X_NAME
};

const char *taws_strerror(taws_status_t st)
{
    if ((unsigned)st >= (unsigned)TAWS_STATUS_COUNT)
        return "unknown status";
    return status_text[st];
}

const char *taws_status_name(taws_status_t st)
{
    if ((unsigned)st >= (unsigned)TAWS_STATUS_COUNT)
        return "TAWS_UNKNOWN";
    return status_names[st];
}
