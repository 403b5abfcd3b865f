/* SPDX-License-Identifier: MIT */
/* One translation unit's view of the configuration, as taws_client_init() saw it. */
#ifndef TINYAWS_CONFIG_VIEW_H
#define TINYAWS_CONFIG_VIEW_H

#include <stddef.h>
#include "tinyaws/status.h"

typedef struct {
    taws_status_t st;       /* what taws_client_init() returned */
    const char *mismatch;   /* taws_config_mismatch(taws_config_app()) */
    int untouched;          /* the client's memory is as it was (after a refusal) */
    size_t client_size;     /* sizeof(taws_client_t) in that unit */
} config_view_t;

void view_default(config_view_t *v);
void view_window(config_view_t *v);
void view_txbuf(config_view_t *v);
void view_resume(config_view_t *v);
void view_config_file(config_view_t *v);
void view_read_timeout(config_view_t *v);

#endif
