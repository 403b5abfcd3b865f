#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""What the AWS IoT credentials provider adds on Cortex-M4 (make size): the link-check program
(boards/cross/link_check.c) linked as is and with -DLINK_CHECK_IOT (the provider initialised on
the client's TLS context, its context and the credentials storage static), per mbedTLS variant.

    iot_size.py <size tool> 'description=base.elf=iot.elf' ...

Flash is text + data, static RAM data + bss (GNU size's Berkeley columns). The heap mbedTLS
takes for the parsed certificate and key, from its pool, is not in these figures.
"""
import subprocess
import sys


def berkeley(tool, elf):
    out = subprocess.run([tool, "-B", elf], check=True, capture_output=True, text=True).stdout
    text, data, bss = (int(x) for x in out.splitlines()[1].split()[:3])
    return text + data, data + bss


def main():
    tool = sys.argv[1]
    print()
    print("AWS IoT credentials provider on Cortex-M4 (link check with and without it):")
    print()
    print("| mbedTLS | flash added | static RAM added |")
    print("|---|---:|---:|")
    for arg in sys.argv[2:]:
        desc, base, iot = arg.split("=")
        f0, r0 = berkeley(tool, base)
        f1, r1 = berkeley(tool, iot)
        print("| %s | %d B (%.1f KB) | %d B (%.1f KB) |" % (desc, f1 - f0, (f1 - f0) / 1024.0, r1 - r0,
                                                          (r1 - r0) / 1024.0))


if __name__ == "__main__":
    main()
