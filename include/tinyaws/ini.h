/* SPDX-License-Identifier: MIT */
/*
 * A bounded streaming reader for the AWS shared files (~/.aws/credentials, ~/.aws/config)
 * that reads them as botocore does: Python's configparser.RawConfigParser (strict, the
 * defaults botocore uses) followed by botocore.configloader.raw_config_parse's nested blocks.
 *
 * Bytes go in in pieces of any size, split anywhere; events come out through a callback, one
 * per section header, key, continuation line and nested sub-key, in file order. Memory is the
 * reader struct (one line, the current section and key names, duplicate-detection hashes):
 * no heap, no recursion, whatever the file's size.
 *
 * What configparser and botocore do, and the reader with them:
 *  - lines end at LF, CRLF or a lone CR (Python's universal newlines); a line is trimmed of
 *    Python's whitespace (str.strip(): ASCII and Unicode spaces);
 *  - a line whose trimmed text starts with '#' or ';' is a comment, wherever it is; there are
 *    no inline comments (`key = v # x` has the value "v # x");
 *  - `[name]` opens a section: the name is everything between the '[' and the *last* ']' of the
 *    line, untrimmed; section names are case-sensitive; DEFAULT is configparser's default
 *    section (ev.is_default), whose keys every other section inherits (that merge is the
 *    consumer's: the reader reports what the file says);
 *  - `key = value` or `key: value` (the first '=' or ':' splits), the key trimmed and
 *    lower-cased, the value trimmed; an empty key is an error;
 *  - a line indented deeper than the key line above it continues that key's value
 *    (TAWS_INI_CONT: the value so far, then "\n" once per blank line before it and once more,
 *    then this line); comment lines in between are skipped, blank lines only counted;
 *  - a key whose value on its own line is empty and which has continuation lines is a nested
 *    block (botocore's `s3 =` / `bedrock =` under [services NAME]): each continuation line is
 *    `subkey = value` (split at the first '=' only, both trimmed, case kept), reported as
 *    TAWS_INI_SUBKEY; a sub-line without '=' makes botocore refuse the file;
 *  - a section twice, or a key twice in one section, makes the file unreadable (strict mode).
 *
 * Deliberately stricter than botocore: a line longer than TAWS_INI_LINE_MAX, a NUL byte
 * (botocore would pass it into a value), more than TAWS_INI_MAX_SECTIONS sections or
 * TAWS_INI_MAX_KEYS keys in a section, names longer than TAWS_INI_NAME_MAX. Only ASCII letters
 * are lower-cased in keys (Python lower-cases every script; AWS's keys are ASCII).
 *
 * Every error stops the reader with its own status and the line's number (`line`). As with
 * botocore, an error anywhere means the whole file is unusable: consumers act on the events
 * only once taws_ini_finish() returned TAWS_OK.
 */
#ifndef TINYAWS_INI_H
#define TINYAWS_INI_H

#include <stddef.h>
#include <stdint.h>
#include "tinyaws/config.h"
#include "tinyaws/status.h"
#include "tinyaws/types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    TAWS_INI_SECTION, /* section */
    TAWS_INI_KEY,     /* section, key, value: the value on the key's own line */
    TAWS_INI_CONT,    /* section, key, value, blank_lines: one more line of key's value */
    TAWS_INI_SUBKEY   /* section, key, subkey, value: one setting of key's nested block */
} taws_ini_event_type_t;

/* Views valid only during the callback. */
typedef struct {
    taws_ini_event_type_t type;
    uint32_t line;        /* 1-based line number of the line reported */
    taws_str_t section;   /* as written between the brackets */
    int is_default;       /* section is "DEFAULT" (configparser's default section) */
    taws_str_t key;       /* lower-cased */
    taws_str_t subkey;    /* TAWS_INI_SUBKEY only */
    taws_str_t value;     /* trimmed */
    uint32_t blank_lines; /* TAWS_INI_CONT only */
} taws_ini_event_t;

/* Returns TAWS_OK to go on; anything else stops the reader with that status. */
typedef taws_status_t (*taws_ini_cb_t)(void *ctx, const taws_ini_event_t *ev);

typedef struct {
    taws_ini_cb_t TAWS_PRIVATE(cb);
    void *TAWS_PRIVATE(ctx);
    taws_status_t TAWS_PRIVATE(st);      /* sticky: the first error */
    uint32_t TAWS_PRIVATE(line);         /* the line being read, or the line of the error */
    size_t TAWS_PRIVATE(len);            /* bytes of the current line in buf */
    int TAWS_PRIVATE(after_cr);          /* the last byte was a CR: an LF next belongs to it */
    int TAWS_PRIVATE(in_section);        /* a section header has been seen */
    int TAWS_PRIVATE(is_default);        /* the current section is DEFAULT */
    int TAWS_PRIVATE(have_key);          /* a key line can take continuation lines */
    int TAWS_PRIVATE(key_empty);         /* ...and its own value was empty: continuations are a nested block */
    size_t TAWS_PRIVATE(indent);         /* indentation (code points) of the last section or key line */
    uint32_t TAWS_PRIVATE(blanks);       /* blank lines since the last line of the current value */
    size_t TAWS_PRIVATE(section_len), TAWS_PRIVATE(key_len);
    size_t TAWS_PRIVATE(nsections), TAWS_PRIVATE(nkeys), TAWS_PRIVATE(ndefault_keys);
    char TAWS_PRIVATE(buf)[TAWS_INI_LINE_MAX];
    char TAWS_PRIVATE(section)[TAWS_INI_NAME_MAX];
    char TAWS_PRIVATE(key)[TAWS_INI_NAME_MAX];
    uint64_t TAWS_PRIVATE(sections)[TAWS_INI_MAX_SECTIONS]; /* hashes of the section names seen */
    uint64_t TAWS_PRIVATE(keys)[TAWS_INI_MAX_KEYS];         /* of the current section's keys */
    uint64_t TAWS_PRIVATE(default_keys)[TAWS_INI_MAX_KEYS]; /* DEFAULT may be reopened, its keys not repeated */
} taws_ini_t;

TAWS_API void taws_ini_init(taws_ini_t *r, taws_ini_cb_t cb, void *ctx);
/* Feeds n bytes; returns the first error (then every later call returns it too). */
TAWS_API taws_status_t taws_ini_feed(taws_ini_t *r, const void *data, size_t n);
/* End of file: reads a last line without a terminator. */
TAWS_API taws_status_t taws_ini_finish(taws_ini_t *r);
/* The line being read, or after an error the line it is about (1-based). */
TAWS_API uint32_t taws_ini_line(const taws_ini_t *r);
/* Wipes the reader (its line buffer may hold a secret); call it when done, on every path. */
TAWS_API void taws_ini_wipe(taws_ini_t *r);

/* What a section of the shared files is, as botocore's build_profile_map() sees it. */
typedef enum {
    TAWS_INI_OTHER,       /* not one of the below: botocore ignores it for profiles */
    TAWS_INI_PROFILE,     /* name: the profile's name */
    TAWS_INI_SERVICES,    /* [services NAME]: name, for a profile's `services = NAME` */
    TAWS_INI_SSO_SESSION  /* [sso-session NAME] */
} taws_ini_kind_t;

/* In the config file (credentials == 0): "default", or a section starting with "profile",
 * "sso-session" or "services" that shlex.split() cuts into exactly two words (quotes and
 * backslashes as POSIX shells take them: `[profile "my dev"]` is profile "my dev"; note that
 * `[profilex y]` is profile "y" too, as in botocore). In the credentials file every section is
 * the profile of its name as written. The name goes to out (cap bytes, NUL-terminated) and
 * *out_len; a name that does not fit gives TAWS_ERR_TOO_LONG. */
TAWS_API taws_status_t taws_ini_section_kind(taws_str_t section, int credentials, taws_ini_kind_t *kind,
                                    char *out, size_t cap, size_t *out_len);

#ifdef __cplusplus
}
#endif

#endif /* TINYAWS_INI_H */
