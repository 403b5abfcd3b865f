# SPDX-License-Identifier: MIT
"""A hostile HTTP server for the CLI tests: one misbehaviour per instance, on loopback."""
import socket
import threading
import time

PAGE = (b'{"modelImportJobSummaries":[{"jobName":"j0","status":"Completed",'
        b'"creationTime":"2024-01-01T00:00:00Z"}]}')


def _read_head(conn):
    buf = b''
    while b'\r\n\r\n' not in buf:
        data = conn.recv(65536)
        if not data:
            return None
        buf += data
    return buf


class Hostile:
    """mode: giant_length, endless_headers, endless_chunk, deep_json, big_item_string,
    big_skipped_string, garbage, slowloris."""

    def __init__(self, mode):
        self.mode = mode
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(('127.0.0.1', 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.requests = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self):
        return 'http://localhost:%d' % self.port

    def close(self):
        self.sock.close()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        try:
            if _read_head(conn) is None:
                return
            self.requests += 1
            getattr(self, '_' + self.mode)(conn)
        except OSError:
            pass  # the client gave up: that is the point
        finally:
            conn.close()

    def _giant_length(self, c):
        c.sendall(b'HTTP/1.1 200 OK\r\nContent-Length: 999999999999999\r\n\r\n' + PAGE)
        time.sleep(30)  # the rest never comes

    def _endless_headers(self, c):
        c.sendall(b'HTTP/1.1 200 OK\r\n')
        for i in range(1000000):
            c.sendall(b'X-Pad-%d: %s\r\n' % (i, b'x' * 40))

    def _endless_chunk(self, c):
        c.sendall(b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffff\r\n'
                  b'{"modelImportJobSummaries":[{"jobName":"')
        while True:
            c.sendall(b'a' * 65536)

    def _deep_json(self, c):
        body = b'{"modelImportJobSummaries":[{"x":' + b'[' * 200000 + b']' * 200000 + b'}]}'
        c.sendall(b'HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n' % len(body) + body)

    def _big_item_string(self, c):
        body = b'{"modelImportJobSummaries":[{"jobName":"' + b'n' * (10 << 20) + b'"}]}'
        c.sendall(b'HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n' % len(body) + body)

    def _big_skipped_string(self, c):
        body = b'{"debugBlob":"' + b'z' * (10 << 20) + b'",' + PAGE[1:]
        c.sendall(b'HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n' % len(body) + body)

    def _garbage(self, c):
        c.sendall(b'SSH-2.0-OpenSSH_9.2\r\n\r\n')

    def _slowloris(self, c):
        c.sendall(b'HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n{"modelImportJobSummaries":[{"jobName":"')
        while True:
            c.sendall(b'a')
            time.sleep(0.5)
