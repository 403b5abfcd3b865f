/* SPDX-License-Identifier: MIT */
/* HTTP request primitives: header lines with injection checks. */
#include "http.h"

taws_status_t taws_http_check_value(taws_str_t v)
{
    size_t i;
    for (i = 0; i < v.n; i++)
        if (v.p[i] == '\r' || v.p[i] == '\n' || v.p[i] == '\0')
            return TAWS_ERR_HEADER_VALUE;
    return TAWS_OK;
}

taws_status_t taws_http_write_header(taws_sink_t *out, taws_str_t name, taws_str_t value)
{
    size_t i;
    for (i = 0; i < name.n; i++)
        if (name.p[i] == ':' || name.p[i] == ' ' || name.p[i] == '\t')
            return TAWS_ERR_HEADER_VALUE;
    TAWS_TRY(taws_http_check_value(name));
    TAWS_TRY(taws_http_check_value(value));
    TAWS_TRY(taws_sink_view(out, name));
    TAWS_TRY(taws_sink_put(out, ": ", 2));
    TAWS_TRY(taws_sink_view(out, value));
    return taws_sink_put(out, "\r\n", 2);
}
