/* SPDX-License-Identifier: MIT */
/* Credentials a provider fills, the provider accessors, and the client's refresh: ask the
 * provider before signing when there are no credentials or they expire within the refresh
 * window, and after a refusal as expired (pager.c re-sends the page then).
 *
 * Credentials that come back already inside the window (the provider has nothing fresher: a
 * cache such as Greengrass's token exchange service, or lifetimes shorter than the window)
 * are asked for again once half the time they had left has passed, as a DHCP client renews
 * its lease at half time: a margin before they expire, and not a fetch before every page. */
#include <string.h>
#include "client_internal.h"
#include "conn.h"
#include "crypto.h"
#include "cred_http.h"
#include "sigv4.h"

void taws_cred_wipe(taws_cred_t *c)
{
    if (c)
        taws_wipe(c, sizeof *c);
}

static int value_ok(taws_str_t v)
{
    size_t i;
    for (i = 0; i < v.n; i++)
        if (v.p[i] == '\r' || v.p[i] == '\n' || v.p[i] == '\0')
            return 0;
    return 1;
}

taws_status_t taws_cred_set(taws_cred_t *out, taws_str_t key_id, taws_str_t secret,
                            taws_str_t token, int64_t expiration)
{
    taws_status_t st = TAWS_OK;
    if (out == NULL)
        return TAWS_ERR_ARG;
    taws_cred_wipe(out);
    if (key_id.n == 0 || secret.n == 0 || key_id.p == NULL || secret.p == NULL)
        return TAWS_ERR_NO_CREDENTIALS;
    if (token.p == NULL)
        token.n = 0;
    if (key_id.n > TAWS_CRED_KEY_ID_MAX || secret.n > TAWS_CRED_SECRET_MAX ||
        token.n > TAWS_CRED_TOKEN_MAX)
        st = TAWS_ERR_CRED_TOO_LONG;
    else if (!value_ok(key_id) || !value_ok(secret) || !value_ok(token))
        st = TAWS_ERR_CRED_VALUE;
    if (st != TAWS_OK)
        return st;
    memcpy(out->key_id, key_id.p, key_id.n);
    memcpy(out->secret, secret.p, secret.n);
    if (token.n)
        memcpy(out->token, token.p, token.n);
    out->key_id_len = key_id.n;
    out->secret_len = secret.n;
    out->token_len = token.n;
    out->expiration = expiration;
    return TAWS_OK;
}

int taws_cred_valid(const taws_cred_t *c)
{
    return c && c->key_id_len > 0 && c->secret_len > 0;
}

const char *taws_cred_access_key_id(const taws_cred_t *c)
{
    return c ? c->key_id : "";
}

int64_t taws_cred_expiration(const taws_cred_t *c)
{
    return c ? c->expiration : 0;
}

int taws_cred_has_token(const taws_cred_t *c)
{
    return c && c->token_len > 0;
}

const char *taws_cred_provider_name(const taws_cred_provider_t *p)
{
    return p && p->name ? p->name : "";
}

const char *taws_cred_provider_message(const taws_cred_provider_t *p)
{
    const char *m = p && p->message ? p->message(p->ctx) : NULL;
    return m ? m : "";
}

/* ---- the client's side -------------------------------------------------------------------- */

/* Drops the client's view of the provider's credentials and the key derived from them. */
static void drop(taws_client_t *c)
{
    taws_sigv4_key_wipe(&c->key);
    memset(&c->cred, 0, sizeof c->cred);
    taws_cred_wipe(c->cred_store);
}

taws_status_t taws_client_set_provider(taws_client_t *c, const taws_cred_provider_t *p,
                                       taws_cred_t *storage)
{
    if ((p == NULL) != (storage == NULL) || (p && p->fetch == NULL))
        return TAWS_ERR_ARG;
    if (c->provider)
        drop(c);
    taws_sigv4_key_wipe(&c->key);
    memset(&c->cred, 0, sizeof c->cred); /* the application's keys are not used alongside */
    c->provider = p;
    c->cred_store = storage;
    c->cred_fetches = 0;
    c->cred_status = TAWS_OK;
    c->cred_stale = 0;
    c->cred_left = 0;
    taws_cred_wipe(storage);
    return TAWS_OK;
}

void taws_client_set_cred_refresh(taws_client_t *c, uint32_t seconds)
{
    /* stored + 1 so that a zeroed client means "the default" */
    c->cred_refresh_s = seconds + 1u;
}

static uint32_t refresh_window(const taws_client_t *c)
{
    return c->cred_refresh_s ? c->cred_refresh_s - 1u : (uint32_t)TAWS_CRED_REFRESH_S;
}

static taws_status_t fetch(taws_client_t *c)
{
    taws_status_t st;
    const char *once = "* credentials: asking the provider\n";
    drop(c);
    c->cred_fetches++;
    if (c->debug)
        (void)taws_sink_str(c->debug, once);
    st = c->provider->fetch(c->provider->ctx, c, c->cred_store);
    if (st == TAWS_OK && !taws_cred_valid(c->cred_store))
        st = TAWS_ERR_NO_CREDENTIALS;
    if (st == TAWS_OK && c->cred_store->expiration != 0 &&
        c->cred_store->expiration <= c->port->wall_time(c->port->ctx) + c->clock_offset_s)
        st = TAWS_ERR_CRED_EXPIRED; /* botocore: "refreshed credentials are still expired" */
    c->cred_status = st;
    c->cred_stale = 0;
    c->cred_left = 0;
    if (st != TAWS_OK) {
        drop(c);
        return st;
    }
    c->cred.access_key_id.p = c->cred_store->key_id;
    c->cred.access_key_id.n = c->cred_store->key_id_len;
    c->cred.secret_access_key.p = c->cred_store->secret;
    c->cred.secret_access_key.n = c->cred_store->secret_len;
    if (c->cred_store->token_len) {
        c->cred.session_token.p = c->cred_store->token;
        c->cred.session_token.n = c->cred_store->token_len;
    }
    if (c->cred_store->expiration != 0)
        c->cred_left = c->cred_store->expiration - (c->port->wall_time(c->port->ctx) + c->clock_offset_s);
    return TAWS_OK;
}

taws_status_t taws_client_refresh_credentials(taws_client_t *c)
{
    taws_status_t st;
    if (c->provider == NULL)
        return TAWS_ERR_STATE;
    taws_conn_set_deadline(&c->conn, c->call_timeout_ms);
    st = fetch(c);
    taws_conn_set_deadline(&c->conn, 0);
    return st;
}

taws_status_t taws_client_cred_ensure(taws_client_t *c)
{
    int64_t left, window;
    if (c->provider == NULL || c->unsigned_requests)
        return TAWS_OK;
    if (c->cred_stale || !taws_cred_valid(c->cred_store) || c->cred.access_key_id.p == NULL)
        return fetch(c);
    if (c->cred_store->expiration == 0)
        return TAWS_OK;
    left = c->cred_store->expiration - (c->port->wall_time(c->port->ctx) + c->clock_offset_s);
    window = (int64_t)refresh_window(c);
    if (c->cred_left <= window)
        window = c->cred_left / 2; /* came inside the window: at half time */
    if (left <= window)
        return fetch(c);
    return TAWS_OK;
}

int taws_client_cred_expired_refusal(taws_client_t *c, const char *code)
{
    if (c->provider == NULL || c->cred.access_key_id.p == NULL || code == NULL)
        return 0;
    if (strcmp(code, "ExpiredToken") != 0 && strcmp(code, "ExpiredTokenException") != 0)
        return 0;
    c->cred_stale = 1;
    return 1;
}

void taws_client_cred_close(taws_client_t *c)
{
    if (c->provider)
        drop(c);
}

uint32_t taws_client_credential_fetches(const taws_client_t *c)
{
    return c->cred_fetches;
}

taws_status_t taws_client_credential_status(const taws_client_t *c)
{
    return c->cred_status;
}
