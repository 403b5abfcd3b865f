/* SPDX-License-Identifier: MIT */
/* Byte sinks: the one output abstraction every generator writes through. */
#include <string.h>
#include "common.h"

taws_status_t taws_sink_put(taws_sink_t *s, const void *p, size_t n)
{
    if (n == 0)
        return TAWS_OK;
    return s->write(s, p, n);
}

taws_status_t taws_sink_str(taws_sink_t *s, const char *z)
{
    return taws_sink_put(s, z, strlen(z));
}

taws_status_t taws_sink_view(taws_sink_t *s, taws_str_t v)
{
    return taws_sink_put(s, v.p, v.n);
}

taws_status_t taws_sink_putv(taws_sink_t *s, const taws_str_t *v, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        TAWS_TRY(taws_sink_put(s, v[i].p, v[i].n));
    return TAWS_OK;
}

taws_status_t taws_sink_u64(taws_sink_t *s, uint64_t v)
{
    char d[20];
    size_t i = sizeof d;
    do {
        d[--i] = (char)('0' + (v % 10u));
        v /= 10u;
    } while (v != 0);
    return taws_sink_put(s, d + i, sizeof d - i);
}

static taws_status_t mem_write(taws_sink_t *s, const void *p, size_t n)
{
    taws_memsink_t *m = (taws_memsink_t *)s;
    size_t room = m->cap - m->len;
    if (n > room) {
        memcpy(m->buf + m->len, p, room);
        m->len = m->cap;
        return TAWS_ERR_TOO_LONG;
    }
    memcpy(m->buf + m->len, p, n);
    m->len += n;
    return TAWS_OK;
}

void taws_memsink_init(taws_memsink_t *m, char *buf, size_t cap)
{
    m->sink.write = mem_write;
    m->buf = buf;
    m->cap = cap;
    m->len = 0;
}
