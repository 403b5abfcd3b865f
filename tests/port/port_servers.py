# SPDX-License-Identifier: MIT
"""The servers the port contract (tests/port/port_contract.c) talks to, on one address:
echo, silent, reset, bulk, a port where nothing listens, and a black hole (a listener whose
accept queue is full, so that Linux drops every further SYN and a connect never completes).

    srv = PortServers('127.0.0.1')
    ... run a contract driver with srv.args() ...
    srv.close()

Used by tests/port/test_port_posix.py (port/posix), tests/lwip/test_lwip.py (port/lwip) and
boards/qemu-mps2-an386/test_firmware.py (port/lwip-raw through QEMU's user network).
"""
import socket
import threading


class PortServers:
    BULK = 256 * 1024

    def __init__(self, addr):
        self.addr = addr
        self.listeners = []
        self.fillers = []
        self.ports = [self.listen(h) for h in (self.echo, self.silent, self.reset, self.bulk)]
        s = socket.socket()
        s.bind((addr, 0))
        self.ports.append(s.getsockname()[1])  # closed: bound once, nobody listens
        s.close()
        self.blackhole = self.black_hole()

    def args(self):
        """ECHO SILENT RST BULK CLOSED BLACKHOLE as strings, the drivers' arguments."""
        return [str(p) for p in self.ports + [self.blackhole]]

    def listen(self, handler):
        ls = socket.socket()
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        ls.bind((self.addr, 0))
        ls.listen(8)
        self.listeners.append(ls)

        def accept_loop():
            while True:
                try:
                    c, _ = ls.accept()
                except OSError:
                    return
                threading.Thread(target=self.serve, args=(handler, c), daemon=True).start()
        threading.Thread(target=accept_loop, daemon=True).start()
        return ls.getsockname()[1]

    def black_hole(self):
        """A listener with backlog 0 that never accepts, its queue filled by one connection:
        Linux then drops SYNs to it (no RST), so connects to it time out."""
        ls = socket.socket()
        ls.bind((self.addr, 0))
        ls.listen(0)
        self.listeners.append(ls)
        port = ls.getsockname()[1]
        for _ in range(2):
            c = socket.socket()
            c.setblocking(False)
            try:
                c.connect((self.addr, port))
            except BlockingIOError:
                pass
            self.fillers.append(c)
        return port

    @staticmethod
    def serve(handler, c):
        c.settimeout(30)
        try:
            handler(c)
        except OSError:
            pass
        finally:
            c.close()

    @staticmethod
    def read(c, n):
        data = b''
        while len(data) < n:
            chunk = c.recv(n - len(data))
            if not chunk:
                break
            data += chunk
        return data

    def echo(self, c):
        if self.read(c, 5) == b'hello':
            c.sendall(b'world')
            c.shutdown(socket.SHUT_WR)
        self.read(c, 1)

    def silent(self, c):
        self.read(c, 1)

    def reset(self, c):
        self.read(c, 1)  # after the client's byte: a reset during connect would be a race
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b'\x01\x00\x00\x00\x00\x00\x00\x00')

    def bulk(self, c):
        data = self.read(c, self.BULK)
        ok_ = len(data) == self.BULK and all(data[i] == (i * 7 + 3) & 255 for i in range(0, self.BULK, 997))
        c.sendall(str(len(data)).encode() if ok_ else b'corrupt')

    def close(self):
        for s in self.listeners + self.fillers:
            s.close()


def relay(lines, ok):
    """Counts a driver's "ok - " / "not ok - " lines through ok(cond, name), prints "# "
    lines; returns how many ok lines there were."""
    n = 0
    for line in lines:
        if line.startswith('ok - '):
            ok(True, line[5:])
            n += 1
        elif line.startswith('not ok - '):
            ok(False, line[9:])
        elif line.startswith('#'):
            print(line)
    return n
