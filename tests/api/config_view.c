/* SPDX-License-Identifier: MIT */
/*
 * Compiled once per configuration under test (tests/api/api.mk names the settings: a bigger
 * TAWS_WINDOW_SIZE, TAWS_TX_BUF_SIZE, TAWS_TLS_RESUME 0, a TINYAWS_CONFIG_FILE, a timeout),
 * each time as a function of its own name (VIEW_FN), and linked into one program with the
 * library built with the defaults: what an application built with other settings than its
 * library meets in taws_client_init().
 */
#include <string.h>
#include "config_view.h"
#include "tinyaws/tinyaws.h"

void VIEW_FN(config_view_t *v)
{
    static taws_client_t c; /* as large as this unit thinks a client is */
    size_t i;
    memset(&c, 0xA5, sizeof c);
    v->st = taws_client_init(&c, NULL, NULL, NULL, "us-east-1");
    v->mismatch = taws_config_mismatch(taws_config_app());
    v->untouched = 1;
    for (i = 0; i < sizeof c; i++)
        if (((const unsigned char *)&c)[i] != 0xA5)
            v->untouched = 0;
    v->client_size = sizeof c;
}
