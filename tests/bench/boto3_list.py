#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The boto3 side of the end-to-end benchmark: one paginator over the whole listing, every item
written as it arrives, one JSON object per line (timestamps as ISO-8601, as botocore parsed
them). Credentials and region come from the environment, the bedrock models from
AWS_DATA_PATH.

  boto3_list.py <service> <operation> <page-size> <endpoint-url> <ca-bundle> [Name=Value ...]
"""
import datetime
import json
import os
import sys

import boto3


def iso(v):
    if isinstance(v, datetime.datetime):
        return v.isoformat()
    raise TypeError(type(v).__name__)


def main():
    if len(sys.argv) < 6:
        sys.stderr.write(__doc__)
        return 2
    service, operation, page_size, url, ca = sys.argv[1:6]
    params = dict(a.split('=', 1) for a in sys.argv[6:])
    region = os.environ.get('AWS_REGION') or os.environ.get('AWS_DEFAULT_REGION')
    client = boto3.client(service, region_name=region, endpoint_url=url, verify=ca)
    paginator = client.get_paginator(operation)
    key = paginator.result_keys[0].expression
    out = sys.stdout
    for page in paginator.paginate(PaginationConfig={'PageSize': int(page_size)}, **params):
        for item in page.get(key, []):
            out.write(json.dumps(item, default=iso, ensure_ascii=False, separators=(',', ':')))
            out.write('\n')
    out.flush()
    return 0


if __name__ == '__main__':
    sys.exit(main())
