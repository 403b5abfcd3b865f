/* SPDX-License-Identifier: MIT */
/*
 * What every library source shares and no application sees: access to the members the public
 * headers mark TAWS_PRIVATE, the one error-propagation macro, the sink helpers and
 * name/value pairs. Every library source includes it first (directly or through another private
 * header), so TAWS_ALLOW_PRIVATE_ACCESS is defined before any public header.
 *
 * Error style: a function that has nothing to undo returns as soon as something fails
 * (TAWS_TRY); one that has something to undo (a secret to wipe, a context to free, a
 * connection to close) sends every failure to a single `cleanup:` label (TAWS_CHK) and
 * undoes it there, on success and failure alike.
 */
#ifndef TINYAWS_SRC_COMMON_H
#define TINYAWS_SRC_COMMON_H

#ifndef TAWS_ALLOW_PRIVATE_ACCESS
#define TAWS_ALLOW_PRIVATE_ACCESS
#endif

#include "tinyaws/config.h"
/* Also when a public header that defines no struct (config.h, status.h) came first. */
#undef TAWS_PRIVATE
#define TAWS_PRIVATE(member) member
#include "tinyaws/types.h"

/* An accessor: what an application may read of a struct whose members are TAWS_PRIVATE. */
#define TAWS_GETTER(type, name, struct_t, member)                                      \
    type name(const struct_t *x) { return x->member; }

/* Returns the status of expr unless it is TAWS_OK. Only where nothing needs undoing. */
#define TAWS_TRY(expr)                                                                   \
    do {                                                                                 \
        taws_status_t taws_try_st_ = (expr);                                             \
        if (taws_try_st_ != TAWS_OK)                                                     \
            return taws_try_st_;                                                         \
    } while (0)

/* Stores the status of expr in the caller's `st` and jumps to its `cleanup:` label unless it
 * is TAWS_OK (mbedTLS's MBEDTLS_MPI_CHK). Where something must be undone on every path. */
#define TAWS_CHK(expr)                                                                   \
    do {                                                                                 \
        if ((st = (expr)) != TAWS_OK)                                                    \
            goto cleanup;                                                                \
    } while (0)

/* Compile-time check (C99 has no _Static_assert): a negative array size fails the build. */
#define TAWS_STATIC_ASSERT(cond, name) typedef char taws_static_assert_##name[(cond) ? 1 : -1]

/* A name/value pair of views (query parameters, headers). */
typedef struct {
    taws_str_t name;
    taws_str_t value;
} taws_kv_t;

/* Write helpers; each returns the sink's status (taws_sink_str and taws_sink_u64 are public,
 * types.h). */
taws_status_t taws_sink_put(taws_sink_t *s, const void *p, size_t n);
taws_status_t taws_sink_view(taws_sink_t *s, taws_str_t v);
/* Writes n views in order (a table reads better, and compiles smaller, than a call chain). */
taws_status_t taws_sink_putv(taws_sink_t *s, const taws_str_t *v, size_t n);

/* TAWS_OK when s is valid UTF-8, else TAWS_ERR_PARAM_UTF8 with the offset of the first bad
 * byte in *bad (bad may be NULL). */
taws_status_t taws_utf8_check(taws_str_t s, size_t *bad);

#endif /* TINYAWS_SRC_COMMON_H */
