/* SPDX-License-Identifier: MIT */
/*
 * The configuration check: applications built with other sizes than the library get
 * TAWS_ERR_CONFIG_MISMATCH from taws_client_init(), naming the first setting that differs,
 * and their client memory untouched; the same sizes (or other behaviour defaults, which are
 * the library's) pass. Last line "N passed, M failed".
 */
#include <stdio.h>
#include <string.h>
#include "config_view.h"
#include "tinyaws/tinyaws.h"

static int passed, failed;

static void check(int ok, const char *what, const config_view_t *v)
{
    printf("%s - %s", ok ? "ok" : "not ok", what);
    if (!ok && v)
        printf(" (%s, %s, %s)", taws_status_name(v->st), v->mismatch ? v->mismatch : "NULL",
               v->untouched ? "untouched" : "written");
    printf("\n");
    if (ok)
        passed++;
    else
        failed++;
}

static int refused(const config_view_t *v, const char *name)
{
    return v->st == TAWS_ERR_CONFIG_MISMATCH && v->mismatch != NULL &&
           strcmp(v->mismatch, name) == 0 && v->untouched;
}

int main(void)
{
    config_view_t d, v;
    taws_config_t other;

    view_default(&d);
    check(d.st == TAWS_OK && d.mismatch == NULL, "the library's own settings pass", &d);
    view_window(&v);
    check(refused(&v, "TAWS_WINDOW_SIZE"), "-DTAWS_WINDOW_SIZE=4096 is refused, named, nothing written", &v);
    view_txbuf(&v);
    check(refused(&v, "TAWS_TX_BUF_SIZE") && v.client_size > d.client_size,
          "-DTAWS_TX_BUF_SIZE=1024 (a larger taws_client_t) is refused, named, nothing written", &v);
    view_resume(&v);
    check(refused(&v, "TAWS_TLS_RESUME"), "-DTAWS_TLS_RESUME=0 (another taws_tls_t) is refused", &v);
    view_config_file(&v);
    check(refused(&v, "TAWS_PAGE_TOKEN_MAX"),
          "a TINYAWS_CONFIG_FILE with another TAWS_PAGE_TOKEN_MAX is refused", &v);
    view_read_timeout(&v);
    check(v.st == TAWS_OK && v.mismatch == NULL,
          "-DTAWS_READ_TIMEOUT_MS=5000 passes (a behaviour default, the library's own)", &v);
    /* Headers of another tinyaws version: another list. */
    memcpy(&other, taws_config_app(), sizeof other);
    other.count = 3;
    check(taws_config_mismatch(&other) != NULL && strcmp(taws_config_mismatch(&other), "TAWS_CONFIG_COUNT") == 0,
          "a list of another length is named TAWS_CONFIG_COUNT", NULL);
    memcpy(&other, taws_config_app(), sizeof other);
    other.value[TAWS_CONFIG_COUNT - 1]++;
    check(taws_config_mismatch(&other) != NULL &&
              strcmp(taws_config_mismatch(&other), "sizeof(taws_cred_imds_t)") == 0,
          "the last entry is compared too (sizeof(taws_cred_imds_t))", NULL);
    check(strcmp(taws_strerror(TAWS_ERR_CONFIG_MISMATCH), "unknown status") != 0 &&
              strcmp(taws_status_name(TAWS_ERR_CONFIG_MISMATCH), "TAWS_ERR_CONFIG_MISMATCH") == 0 &&
              TAWS_ERR_CONFIG_MISMATCH < TAWS_STATUS_COUNT,
          "TAWS_ERR_CONFIG_MISMATCH is a status with its name and text", NULL);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
