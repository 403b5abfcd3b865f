/* SPDX-License-Identifier: MIT */
/*
 * Credentials providers: where a client's keys come from when they are not fixed.
 *
 * A provider is a function over an opaque context that fills caller-owned credentials
 * (taws_cred_t: key id, secret, session token and expiration, in fixed buffers sized in
 * config.h). The client asks its provider before signing when it has no credentials or when
 * they expire within TAWS_CRED_REFRESH_S seconds, and once more when a request signed with
 * them is refused with ExpiredToken or ExpiredTokenException (the page is then asked for
 * again and its items are not handed out twice). Secrets are wiped when replaced, when a
 * fetch fails and by taws_client_close().
 *
 *   static taws_cred_t cred;                  // the keys live here (about 4.4 KB)
 *   static taws_cred_iot_t iot;
 *   taws_cred_provider_t prov;
 *   taws_tls_init(&iot_tls, &port); taws_tls_add_ca(&iot_tls, ca, ca_len);
 *   taws_cred_iot_init(&iot, &prov, &iot_tls, "c1234.credentials.iot.eu-central-1.amazonaws.com",
 *                      "my-role-alias", "my-thing", cert_pem, cert_len, key_pem, key_len);
 *   taws_client_init(&client, &port, &tls, NULL, "eu-central-1");
 *   taws_client_set_provider(&client, &prov, &cred);
 *   ... the pager as usual ...
 *   taws_client_close(&client); taws_cred_iot_free(&iot);
 *
 * Firmware can plug its own provider (a secure element, a provisioning flow): a function
 * that calls taws_cred_set(). tinyaws's providers make their HTTP(S) requests over the
 * client's port and connection buffers (the port has one connection: the client's own is
 * closed first), so they add no transmit or receive buffer of their own.
 *
 * Errors: a provider's status says what failed (TAWS_ERR_CRED_PROVIDER: the service answered
 * with an error; TAWS_ERR_CRED_HOST, TAWS_ERR_CRED_KEY, ...); taws_cred_provider_message()
 * gives its words as botocore's error_msg, which an application prints as botocore does:
 *   "Error when retrieving credentials from <taws_cred_provider_name()>: <message>"
 * e.g. "Error when retrieving credentials from container-role: Error retrieving metadata:
 * Received non 200 response 401 from container metadata: {"message":"bad token"}".
 */
/* client.h includes this header at its end, before pager.h (whose configuration check needs
 * these types): included first, this header lets client.h come in, which brings it back. */
#ifndef TINYAWS_CREDENTIALS_H
#include "tinyaws/client.h"
#endif
#ifndef TINYAWS_CREDENTIALS_H
#define TINYAWS_CREDENTIALS_H

#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- credentials ---------------------------------------------------------------------------- */

/* Caller-owned credentials: what a provider fills and the client signs with. The buffers are
 * the library's (read through the accessors); taws_cred_wipe() clears all of them. */
typedef struct taws_cred_s {
    char TAWS_PRIVATE(key_id)[TAWS_CRED_KEY_ID_MAX + 1];
    char TAWS_PRIVATE(secret)[TAWS_CRED_SECRET_MAX + 1];
    char TAWS_PRIVATE(token)[TAWS_CRED_TOKEN_MAX + 1];
    size_t TAWS_PRIVATE(key_id_len);
    size_t TAWS_PRIVATE(secret_len);
    size_t TAWS_PRIVATE(token_len);        /* 0: no session token */
    int64_t TAWS_PRIVATE(expiration);      /* epoch seconds (UTC); 0: never expires */
} taws_cred_t;

/* Copies the values into out (token may be empty: long-term keys). The key id and secret must
 * be non-empty; nothing may hold CR, LF or NUL; each must fit its buffer. On any error out is
 * wiped. Errors: TAWS_ERR_NO_CREDENTIALS, TAWS_ERR_CRED_TOO_LONG, TAWS_ERR_CRED_VALUE. */
TAWS_API taws_status_t taws_cred_set(taws_cred_t *out, taws_str_t key_id, taws_str_t secret,
                                     taws_str_t token, int64_t expiration);
/* Zeroes every byte of c (not only what was written). */
TAWS_API void taws_cred_wipe(taws_cred_t *c);
/* Whether c holds credentials, its access key id (not a secret; "" when none) and its
 * expiration (0: never). The secret and token have no accessor: they go to the signer only. */
TAWS_API int taws_cred_valid(const taws_cred_t *c);
TAWS_API const char *taws_cred_access_key_id(const taws_cred_t *c);
TAWS_API int64_t taws_cred_expiration(const taws_cred_t *c);
/* Whether c carries a session token (temporary credentials). */
TAWS_API int taws_cred_has_token(const taws_cred_t *c);

/* ---- the provider interface ------------------------------------------------------------------ */

/* Fills out (taws_cred_set()) or returns an error, leaving out wiped. client is the client
 * asking: tinyaws's providers borrow its port and connection buffers; an application's
 * provider may ignore it. Called from inside taws_pager_next() (or
 * taws_client_refresh_credentials()), under the call's deadline. */
typedef taws_status_t (*taws_cred_fetch_t)(void *ctx, taws_client_t *client, taws_cred_t *out);

typedef struct taws_cred_provider_s {
    taws_cred_fetch_t fetch;
    void *ctx;
    /* botocore's name for the method ("container-role", "iam-role", "iot", "static", ...):
     * the <provider> of "Error when retrieving credentials from <provider>: ..." */
    const char *name;
    /* The words of the last failure ("" after a success), or NULL when the provider has none. */
    const char *(*message)(const void *ctx);
} taws_cred_provider_t;

/* p->name, or "" when NULL. */
TAWS_API const char *taws_cred_provider_name(const taws_cred_provider_t *p);
/* p->message(p->ctx), or "" when the provider has none. */
TAWS_API const char *taws_cred_provider_message(const taws_cred_provider_t *p);

/* The client takes its credentials from p from now on, into storage (caller-owned, lives as
 * long as the client; the client's previous credentials are dropped and the cached signing
 * key wiped). Nothing is fetched until the next request (or
 * taws_client_refresh_credentials()). p and storage NULL: back to no provider (storage is
 * wiped). */
TAWS_API taws_status_t taws_client_set_provider(taws_client_t *c, const taws_cred_provider_t *p,
                                                taws_cred_t *storage);
/* Asks the provider now (e.g. to fail early, before a listing starts): TAWS_OK or the
 * provider's status (its words in taws_cred_provider_message()). TAWS_ERR_STATE without a
 * provider. */
TAWS_API taws_status_t taws_client_refresh_credentials(taws_client_t *c);
/* The refresh window: the provider is asked again when the credentials expire within this
 * many seconds (TAWS_CRED_REFRESH_S by default; 0: only once they have expired or a request
 * is refused with ExpiredToken/ExpiredTokenException). Credentials that a fetch returns
 * already inside the window (the provider has nothing fresher, or hands out lifetimes shorter
 * than the window) are asked for again once half the time they had left has passed, not
 * before every request. */
TAWS_API void taws_client_set_cred_refresh(taws_client_t *c, uint32_t seconds);
/* Times the provider was asked (successfully or not) since taws_client_set_provider(). */
TAWS_API uint32_t taws_client_credential_fetches(const taws_client_t *c);
/* The provider's status of the last failed fetch (TAWS_OK when the last fetch succeeded). */
TAWS_API taws_status_t taws_client_credential_status(const taws_client_t *c);

/* ---- static: keys given by the application (today's behaviour, as a provider) ------------- */

typedef struct {
    taws_str_t TAWS_PRIVATE(key_id), TAWS_PRIVATE(secret), TAWS_PRIVATE(token); /* views */
} taws_cred_static_t;

/* Views of the caller's strings (they must live as long as the provider); token may be NULL.
 * Fills *out (name "static"). */
TAWS_API taws_status_t taws_cred_static_init(taws_cred_static_t *s, taws_cred_provider_t *out,
                                             const char *key_id, const char *secret,
                                             const char *token);

/* ---- AWS IoT credentials provider ----------------------------------------------------------
 * GET https://<endpoint>/role-aliases/<role alias>/credentials with x-amzn-iot-thingname:
 * <thing name>, the device's certificate and private key in the TLS handshake (mutual TLS),
 * the server verified against the CAs of tls as for AWS requests. Errors are the service's
 * {"message": ...} with 400/401/403/404/429/5xx; 429 and 5xx are retried as any request
 * (the client's max attempts, standard back-off). */
typedef struct {
    taws_endpoint_t TAWS_PRIVATE(ep);
    const char *TAWS_PRIVATE(role_alias);        /* the caller's strings */
    const char *TAWS_PRIVATE(thing_name);
    taws_tls_t *TAWS_PRIVATE(tls);
    mbedtls_x509_crt TAWS_PRIVATE(cert);
    mbedtls_pk_context TAWS_PRIVATE(key);
    uint8_t TAWS_PRIVATE(inited);
    char TAWS_PRIVATE(msg)[TAWS_CRED_MSG_MAX];
} taws_cred_iot_t;

/* endpoint: the account's credentials endpoint, "host", "host:port" or "https://host[:port]"
 * (aws iot describe-endpoint --endpoint-type iot:CredentialProvider). tls: a context made by
 * taws_tls_init() with the CAs the endpoint's certificate verifies against (Amazon's root
 * CAs); it may be the client's own (saves its RAM: AWS endpoints never ask for a client
 * certificate), and lives as long as the provider. cert and key: the device's certificate and
 * private key (RSA or EC), PEM (len including the terminating NUL) or DER, from memory; they
 * are parsed here and need not stay. Fills *out (name "iot").
 * Errors: TAWS_ERR_ARG (an empty role alias or thing name, or one holding a character other
 * than A-Z a-z 0-9 and "=,@-_:." ), the URL statuses, TAWS_ERR_CRED_CERT (the certificate
 * does not parse), TAWS_ERR_CRED_KEY (the key does not parse, or is encrypted),
 * TAWS_ERR_CRED_KEY_MISMATCH (the key is not the certificate's), TAWS_ERR_TLS_SETUP; the
 * message says which. After a failure taws_cred_iot_free() releases what was parsed. */
TAWS_API taws_status_t taws_cred_iot_init(taws_cred_iot_t *p, taws_cred_provider_t *out,
                                          taws_tls_t *tls, const char *endpoint,
                                          const char *role_alias, const char *thing_name,
                                          const uint8_t *cert, size_t cert_len,
                                          const uint8_t *key, size_t key_len);
/* The words of the last failure ("" after a success). */
TAWS_API const char *taws_cred_iot_message(const taws_cred_iot_t *p);
/* Frees the parsed certificate and key (the key's bytes are zeroed by mbedTLS). Safe on a
 * zeroed context; a second call does nothing. */
TAWS_API void taws_cred_iot_free(taws_cred_iot_t *p);

/* ---- container credentials (ECS, AWS IoT Greengrass token exchange service) ----------------
 * GET <full URI> (or http://169.254.170.2<relative URI>) with Authorization: <token>, as
 * botocore's ContainerProvider: hosts allowed are 169.254.170.2, 169.254.170.23,
 * fd00:ec2::23, localhost and any loopback address (127.0.0.0/8, ::1); others refused. 2 s
 * timeouts, 3 attempts 1 s apart. */

/* Writes the authorization token (at most cap - 1 bytes) into buf and its length into *len:
 * called at every fetch, so a token file is read again each time (botocore's
 * AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE). A non-OK status fails the fetch. */
typedef taws_status_t (*taws_cred_token_fn)(void *ctx, char *buf, size_t cap, size_t *len);

typedef struct {
    taws_endpoint_t TAWS_PRIVATE(ep);
    const char *TAWS_PRIVATE(path);              /* the caller's string: path and query */
    size_t TAWS_PRIVATE(path_len);
    const char *TAWS_PRIVATE(token);             /* the caller's string, or NULL */
    taws_cred_token_fn TAWS_PRIVATE(token_fn);   /* or this, called at every fetch */
    void *TAWS_PRIVATE(token_ctx);
    char TAWS_PRIVATE(auth)[TAWS_CRED_AUTH_TOKEN_MAX + 1]; /* the token while a fetch runs */
    char TAWS_PRIVATE(msg)[TAWS_CRED_MSG_MAX];
} taws_cred_container_t;

/* full_uri (AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://host[:port]/path", https allowed)
 * or, when it is NULL, relative_uri (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/path"). The
 * token: token_fn (preferred, as botocore prefers the token file) else token (a string that
 * lives as long as the provider) else none. Fills *out (name "container-role").
 * Errors: TAWS_ERR_ARG (neither URI), TAWS_ERR_URL* (a malformed URI),
 * TAWS_ERR_CRED_HOST (a host not allowed; the message is botocore's "Unsupported host
 * '<host>'.  Can only retrieve metadata from a loopback address or one of these hosts:
 * 169.254.170.2, 169.254.170.23, fd00:ec2::23, localhost"). A token holding CR or LF fails
 * the fetch with TAWS_ERR_HEADER_VALUE and is never sent ("Auth token value is not a legal
 * header value"). */
TAWS_API taws_status_t taws_cred_container_init(taws_cred_container_t *p, taws_cred_provider_t *out,
                                                const char *full_uri, const char *relative_uri,
                                                const char *token, taws_cred_token_fn token_fn,
                                                void *token_ctx);
TAWS_API const char *taws_cred_container_message(const taws_cred_container_t *p);

/* ---- EC2 instance metadata (IMDSv2) ---------------------------------------------------------
 * PUT /latest/api/token (X-aws-ec2-metadata-token-ttl-seconds: 21600), then GET
 * /latest/meta-data/iam/security-credentials/ (the role name) and .../<role> with
 * X-aws-ec2-metadata-token; 1 s timeouts, each request tried twice. */
typedef struct {
    taws_endpoint_t TAWS_PRIVATE(ep);
    uint8_t TAWS_PRIVATE(disabled);
    char TAWS_PRIVATE(msg)[TAWS_CRED_MSG_MAX];
} taws_cred_imds_t;

/* endpoint: AWS_EC2_METADATA_SERVICE_ENDPOINT ("http://169.254.169.254" when NULL; a final
 * "/" allowed); disabled (AWS_EC2_METADATA_DISABLED=true): every fetch fails with
 * TAWS_ERR_CRED_DISABLED. Fills *out (name "iam-role"). */
TAWS_API taws_status_t taws_cred_imds_init(taws_cred_imds_t *p, taws_cred_provider_t *out,
                                           const char *endpoint, int disabled);
TAWS_API const char *taws_cred_imds_message(const taws_cred_imds_t *p);

#ifdef __cplusplus
}
#endif

#endif /* TINYAWS_CREDENTIALS_H */
