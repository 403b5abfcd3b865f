/* SPDX-License-Identifier: MIT */
/* The static provider: keys the application gives, copied into the client's storage. */
#include <string.h>
#include "common.h"
#include "tinyaws/credentials.h"

static taws_status_t static_fetch(void *ctx, taws_client_t *client, taws_cred_t *out)
{
    const taws_cred_static_t *s = ctx;
    (void)client;
    return taws_cred_set(out, s->key_id, s->secret, s->token, 0);
}

static taws_str_t view(const char *z)
{
    taws_str_t v = { z, z ? strlen(z) : 0 };
    return v;
}

taws_status_t taws_cred_static_init(taws_cred_static_t *s, taws_cred_provider_t *out,
                                    const char *key_id, const char *secret, const char *token)
{
    memset(s, 0, sizeof *s);
    memset(out, 0, sizeof *out);
    if (key_id == NULL || secret == NULL || key_id[0] == '\0' || secret[0] == '\0')
        return TAWS_ERR_NO_CREDENTIALS;
    s->key_id = view(key_id);
    s->secret = view(secret);
    s->token = view(token);
    out->fetch = static_fetch;
    out->ctx = s;
    out->name = "static";
    return TAWS_OK;
}
