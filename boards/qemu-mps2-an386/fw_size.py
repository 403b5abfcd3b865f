#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""make firmware-size (and make size): figures measured on the mps2-an386 firmware image.

1. Flash and RAM of build/fw/fw-list.elf (arm-none-eabi-size), split by component from the
   linker map (tinyaws, port/lwip-raw, lwIP, mbedTLS, the board and application, the C
   library); the largest static buffers (nm).
2. Under QEMU with -icount shift=0 (one instruction = 1 ns of virtual time; the board's
   25 MHz timer ticks every 40 instructions), lists 1,000 async invocations from the local
   endpoint over HTTPS (TLS 1.3, TLS 1.2) and plain HTTP, at several page sizes, with
   --quiet --report. The firmware counts virtual time outside the port's waits for the
   network, i.e. instructions (lwIP, the driver, mbedTLS and tinyaws; waiting costs none):
   - handshake: taws_conn_open() minus the TCP connect;
   - per signed request and per item: a least-squares line through the listings'
     instructions against their page counts: slope per request (signing, sending, the
     response's status line and headers, the page's framing), intercept / 1,000 per item;
   - the stack high-water mark (the stack painted before the run), the mbedTLS pool's
     high-water mark (mbedtls_memory_buffer_alloc_max_get()), lwIP's pools' peaks.
   One configuration runs twice to show how deterministic the counts are.

Prints markdown; writes the raw numbers to FW_DIR/fw-size.json. Exit 1 when a run fails.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import test_firmware as tf  # noqa: E402  (the endpoint and QEMU helpers)

ITEMS = 1000
PAGE_SIZES = (1000, 250, 100, 50)
NS_PER_TICK = 40  # 25 MHz
ICOUNT = ['-icount', 'shift=0']


def components(map_path):
    """{component: {'text': n, 'data': n, 'bss': n}} from the linker map's input sections."""
    comp = {}
    out_sec = None
    pending = None
    in_map = False
    sec_re = re.compile(r'^ (\S+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$')
    name_only = re.compile(r'^ (\.\S+)$')
    cont_re = re.compile(r'^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$')
    with open(map_path) as f:
        for line in f:
            line = line.rstrip('\n')
            if line.startswith('Linker script and memory map'):
                in_map = True
                continue
            if not in_map:
                continue
            m = re.match(r'^(\.\S+)\s', line) or re.match(r'^(\.\S+)$', line)
            if m:
                out_sec = m.group(1)
                continue
            size = obj = None
            m = sec_re.match(line)
            if m and not m.group(1).startswith('*'):
                size, obj = int(m.group(3), 16), m.group(4)
            elif name_only.match(line):
                pending = True
                continue
            elif pending:
                m = cont_re.match(line)
                if m:
                    size, obj = int(m.group(2), 16), m.group(3)
            pending = None
            if size is None or size == 0 or out_sec is None:
                continue
            kind = {'.isr_vector': 'text', '.text': 'text', '.ARM.exidx': 'text', '.data': 'data',
                    '.bss': 'bss'}.get(out_sec)
            if kind is None:
                continue
            comp.setdefault(classify(obj), {'text': 0, 'data': 0, 'bss': 0})[kind] += size
    return comp


def classify(obj):
    if 'libtinyaws' in obj:
        return 'tinyaws'
    if 'port/lwip-raw' in obj:
        return 'port/lwip-raw'
    if 'liblwip22' in obj:
        return 'lwIP 2.2.1'
    if 'libmbed' in obj or '/mbedtls/' in obj:
        return 'mbedTLS'
    if '/obj/boards/' in obj:
        return 'board + application'
    if 'libc' in obj or 'libgcc' in obj or 'libm' in obj or 'crt' in obj:
        return 'C library (newlib-nano, libgcc)'
    return 'other'


def size_of(elf):
    p = subprocess.run(['arm-none-eabi-size', elf], capture_output=True, text=True, check=True)
    text, data, bss = (int(x) for x in p.stdout.splitlines()[1].split()[:3])
    return text, data, bss


def symbols(elf):
    """{name: size} of the image's objects (data and bss)."""
    p = subprocess.run(['arm-none-eabi-nm', '-S', '--size-sort', elf], capture_output=True, text=True,
                       check=True)
    out = {}
    for line in p.stdout.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[2] in 'bBdD':
            out[parts[3]] = int(parts[1], 16)
    return out


def parse_report(err):
    """fw-report lines: {'listing': {...}, 'memory': {...}, 'tls': {...}, 'lwip-pool': [...], ...}"""
    rep = {'lwip-pool': []}
    for line in err.decode(errors='replace').splitlines():
        if not line.startswith('fw-report '):
            continue
        words = line.split()
        kv = {}
        for w in words[2:]:
            k, _, v = w.partition('=')
            kv[k] = int(v) if v.isdigit() else v
        if words[1] == 'lwip-pool':
            rep['lwip-pool'].append(kv)
        else:
            rep[words[1]] = kv
    return rep


def fit(points):
    """Least squares y = a + b x over [(x, y)]."""
    n = len(points)
    sx = sum(x for x, _ in points)
    sy = sum(y for _, y in points)
    sxx = sum(x * x for x, _ in points)
    sxy = sum(x * y for x, y in points)
    b = (n * sxy - sx * sy) / (n * sxx - sx * sx)
    return (sy - b * sx) / n, b


def kb(n):
    return '{:,}'.format(n)


def measure(fw_dir, runs_out):
    tmp = tempfile.mkdtemp(prefix='taws-fwsize-')
    ep = tf.Endpoint(tmp, ['--async-invokes', str(ITEMS)])
    r = tf.Runner(fw_dir, None, ep)
    saved = list(tf.QEMU)
    tf.QEMU[1:1] = ICOUNT
    try:
        def run(scheme, tls, page):
            rc, out, err, secs = r.firmware(scheme, 'bedrock-runtime', 'list-async-invokes',
                                            paging=[('page-size', str(page))], tls=tls, extra=['--quiet'])
            rep = parse_report(err)
            lst = rep.get('listing', {})
            if rc != 0 or lst.get('items') != ITEMS:
                raise RuntimeError('firmware run failed (exit %s): %s' % (rc, err.decode(errors='replace')[-800:]))
            runs_out.append({'scheme': scheme, 'tls': tls, 'page_size': page, 'seconds': round(secs, 2),
                             'report': rep})
            return rep
        res = {}
        for scheme, tls in (('https', '1.3'), ('https', '1.2'), ('http', None)):
            pages = PAGE_SIZES if scheme == 'https' and tls == '1.3' else (PAGE_SIZES[0], PAGE_SIZES[2])
            res[(scheme, tls)] = [run(scheme, tls, p) for p in pages]
        again = run('https', '1.3', 100)
        return res, again
    finally:
        tf.QEMU[:] = saved
        ep.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def insns(ticks):
    return ticks * NS_PER_TICK


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument('--fw-dir', default=os.path.join(os.path.dirname(os.path.dirname(HERE)), 'build', 'fw'))
    a = ap.parse_args(argv[1:])
    elf = os.path.join(a.fw_dir, 'fw-list.elf')
    if shutil.which('qemu-system-arm') is None:
        print('firmware-size: SKIP: qemu-system-arm is not installed')
        return 0
    text, data, bss = size_of(elf)
    comp = components(elf[:-4] + '.map')
    syms = symbols(elf)
    runs = []
    res, again = measure(a.fw_dir, runs)

    print('## Firmware image (mps2-an386, Cortex-M4, `make firmware-size`)\n')
    print('`build/fw/fw-list.elf`: tinyaws + port/lwip-raw + lwIP 2.2.1 (NO_SYS) + mbedTLS on a static '
          'pool + newlib-nano; no malloc linked (link check).\n')
    print('| component | text (flash) | data | bss (RAM) |')
    print('|---|---:|---:|---:|')
    order = ['tinyaws', 'port/lwip-raw', 'lwIP 2.2.1', 'mbedTLS', 'board + application',
             'C library (newlib-nano, libgcc)', 'other']
    for k in order:
        if k in comp:
            c = comp[k]
            print('| %s | %s | %s | %s |' % (k, kb(c['text']), kb(c['data']), kb(c['bss'])))
    print('| **whole image** (`arm-none-eabi-size`) | **%s** | **%s** | **%s** |\n' % (kb(text), kb(data), kb(bss)))
    taws = comp.get('tinyaws', {}).get('text', 0) + comp.get('port/lwip-raw', {}).get('text', 0)
    print('tinyaws (library and port/lwip-raw) is %s of the %s bytes of flash (%.0f %%); mbedTLS %.0f %%, '
          'lwIP %.0f %%.\n' % (kb(taws), kb(text), 100.0 * taws / text,
                                100.0 * comp.get('mbedTLS', {}).get('text', 0) / text,
                                100.0 * comp.get('lwIP 2.2.1', {}).get('text', 0) / text))

    https13 = res[('https', '1.3')]
    rep = https13[2]  # page size 100
    mem = rep['memory']
    pools = rep['lwip-pool']
    heap = rep.get('lwip-heap', {})
    pool_static = sum(p['num'] * p['size'] for p in pools)
    pool_peak = sum(p['max'] * p['size'] for p in pools)
    app_bufs = sum(syms.get(n, 0) for n in ('ca_pem', 'cmdline', 'token_buf', 'out_buf'))
    print('| RAM, 1,000-item HTTPS listing (TLS 1.3, pages of 100) | reserved (static) | used at the peak |')
    print('|---|---:|---:|')
    print('| mbedTLS pool (`mbedtls_memory_buffer_alloc_max_get()`) | %s | %s |'
          % (kb(mem['pool_size']), kb(mem['pool_max'])))
    tstate = mem['window'] + mem['tokens'] + mem['pager'] + mem['client'] + mem['tls'] + mem['port_state']
    print('| tinyaws state: window %s + tokens %s + pager %s + client %s + tls %s + port %s | %s | %s |'
          % (kb(mem['window']), kb(mem['tokens']), kb(mem['pager']), kb(mem['client']), kb(mem['tls']),
             kb(mem['port_state']), kb(tstate), kb(tstate)))
    print('| lwIP pools (memp: %s) | %s | %s |' % (', '.join('%s %d/%d' % (p['name'], p['max'], p['num'])
                                                           for p in pools), kb(pool_static), kb(pool_peak)))
    print('| lwIP heap (`MEM_SIZE`, PBUF_RAM) | %s | %s |' % (kb(heap.get('size', 0)), kb(heap.get('max', 0))))
    print('| stack (painted, whole listing incl. mbedTLS and lwIP) | %s | %s |'
          % (kb(mem['stack_size']), kb(mem['stack_peak'])))
    print('| test-board buffers (CA file, command line, token line, console) | %s | — |' % kb(app_bufs))
    # What a device needs for this listing: the pool at its high-water mark, the stack at its
    # peak, everything else as reserved, without the test board's buffers.
    static_libs = sum(comp.get(k, {}).get('data', 0) + comp.get(k, {}).get('bss', 0)
                      for k in ('tinyaws', 'port/lwip-raw', 'lwIP 2.2.1', 'mbedTLS'))
    netif = syms.get('fw_netif', 0) + syms.get('fw_nic', 0)
    device = mem['pool_max'] + tstate + static_libs + netif + mem['stack_peak']
    print('| **a device**: pool at its peak + tinyaws state + lwIP, mbedTLS and tinyaws statics '
          '(%s) + netif and NIC state (%s) + stack at its peak | | **%s** |\n'
          % (kb(static_libs), kb(netif), kb(device)))

    def hs(rs):
        return [insns(x['listing']['open_ticks'] - x['listing']['tcp_connect_ticks']) for x in rs]

    lines = []
    for (scheme, tls), rs in res.items():
        a0, b0 = fit([(x['listing']['pages'], insns(x['listing']['list_ticks'])) for x in rs])
        label = 'HTTPS, TLS %s' % tls if tls else 'plain HTTP'
        lines.append((label, rs, a0, b0))
    print('| instructions, QEMU `-icount shift=0`, 1,000 items | handshake | per signed request | per item |')
    print('|---|---:|---:|---:|')
    for label, rs, a0, b0 in lines:
        h = hs(rs) if label != 'plain HTTP' else None
        print('| %s (page sizes %s) | %s | %s | %s |' % (
            label, ', '.join(str(x['listing']['pages'] and ITEMS // x['listing']['pages']) for x in rs),
            kb(int(sum(h) / len(h))) if h else '—', kb(int(b0)), kb(int(a0 / ITEMS))))
    r1 = rep['listing']
    r2 = again['listing']
    d_list = abs(r1['list_ticks'] - r2['list_ticks']) / r1['list_ticks'] * 100
    d_hs = abs((r1['open_ticks'] - r1['tcp_connect_ticks']) - (r2['open_ticks'] - r2['tcp_connect_ticks'])) \
        / (r1['open_ticks'] - r1['tcp_connect_ticks']) * 100
    print('\nThe same run twice (TLS 1.3, pages of 100): listing %s vs %s instructions (%.3f%%), handshake '
          '%.3f%% apart. TCP connect: %s instructions. TLS: %s, %s.'
          % (kb(insns(r1['list_ticks'])), kb(insns(r2['list_ticks'])), d_list, d_hs,
             kb(insns(r1['tcp_connect_ticks'])), rep['tls']['version'], rep['tls']['suite']))
    with open(os.path.join(a.fw_dir, 'fw-size.json'), 'w') as f:
        json.dump({'size': {'text': text, 'data': data, 'bss': bss}, 'components': comp,
                   'device_ram': device, 'runs': runs},
                  f, indent=1)
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main(sys.argv))
    except (RuntimeError, subprocess.CalledProcessError, KeyError) as e:
        print('firmware-size: %s: %s' % (type(e).__name__, e))
        sys.exit(1)
