/* SPDX-License-Identifier: MIT */
/*
 * One use of an operation's typed iterators, compiled by tests/typed/check.sh with the
 * operation's names and an item and a params struct of its choosing:
 *   -DOP_BEGIN=taws_list_async_invokes_begin -DOP_NEXT=taws_list_async_invokes_next
 *   -DITEM_T=taws_async_invoke_summary_t -DPARAMS_T=taws_list_async_invokes_params_t
 * The right structs must compile with -Werror; another operation's must not.
 */
#include "tinyaws/pager.h"

taws_status_t list_all(taws_pager_t *p, taws_client_t *c, char *window, size_t cap, taws_json_token_t *tok,
                       unsigned ntok);

taws_status_t list_all(taws_pager_t *p, taws_client_t *c, char *window, size_t cap, taws_json_token_t *tok,
                       unsigned ntok)
{
    static PARAMS_T params;
    static ITEM_T item;
    taws_paginate_t cfg = { { 0, 0 }, { 0, 0 }, NULL, 0 };
    taws_status_t st = OP_BEGIN(p, c, &params, &cfg, window, cap, tok, ntok);
    while (st == TAWS_OK)
        st = OP_NEXT(p, &item);
    return st;
}
