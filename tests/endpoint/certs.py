# SPDX-License-Identifier: MIT
"""Fresh CA and server certificate per start (EC P-256), plus the broken variants for negative TLS tests.

SAN carries DNS:localhost and IP:127.0.0.1 (tinyaws matches IP addresses against iPAddress
SANs with mbedTLS 2.28 and 3.6 alike; so do other clients).

generate() also makes the other shapes the TLS tests need: an RSA-2048, P-256 or P-384 key
(`key`), a chain of three (root, intermediate, leaf: the shape of AWS's Amazon Root CA 1
chains; `intermediate=True`, server.pem then holds leaf and intermediate), and explicit SANs
(`san=["DNS:localhost", "IP:::1"]`).
"""
import datetime
import ipaddress
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

MODES = ("good", "expired", "notyet", "wronghost", "selfsigned")
KEYS = ("p256", "p384", "p521", "rsa2048")
DEFAULT_SAN = ("DNS:localhost", "IP:127.0.0.1")


def _key(kind):
    if kind == "rsa2048":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    curve = {"p256": ec.SECP256R1, "p384": ec.SECP384R1, "p521": ec.SECP521R1}[kind]
    return ec.generate_private_key(curve())


def _hash(kind):
    return hashes.SHA384() if kind in ("p384", "p521") else hashes.SHA256()


def _san(entries):
    out = []
    for e in entries:
        kind, _, value = e.partition(":")
        out.append(x509.DNSName(value) if kind == "DNS" else x509.IPAddress(ipaddress.ip_address(value)))
    return x509.SubjectAlternativeName(out)


def _name(cn):
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "tinyaws test"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _pem_key(key):
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _ca_cert(name, key, issuer_name, signer, path_length, now, day, kind):
    return (x509.CertificateBuilder().subject_name(name).issuer_name(issuer_name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - day).not_valid_after(now + 365 * day)
            .add_extension(x509.BasicConstraints(ca=True, path_length=path_length), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(signer.public_key()), critical=False)
            .sign(signer, _hash(kind)))


def generate(state_dir, mode="good", key="p256", intermediate=False, san=None):
    """Writes ca.pem, server.pem, server-key.pem into state_dir; returns their absolute paths.

    key: p256 (default), p384, p521 or rsa2048, for every certificate of the chain.
    intermediate: root -> intermediate -> leaf; server.pem holds the leaf and the intermediate.
    san: the leaf's SAN entries ("DNS:name", "IP:addr"), default DEFAULT_SAN ("wronghost"
    mode: DNS:wrong.example).
    """
    if mode not in MODES:
        raise ValueError("cert mode must be one of " + ", ".join(MODES))
    if key not in KEYS:
        raise ValueError("cert key must be one of " + ", ".join(KEYS))
    os.makedirs(state_dir, exist_ok=True)
    now = datetime.datetime.utcnow()
    day = datetime.timedelta(days=1)
    ca_key = _key(key)
    ca_name = _name("tinyaws test CA")
    ca = _ca_cert(ca_name, ca_key, ca_name, ca_key, 1 if intermediate else 0, now, day, key)
    issuer_key, issuer_name, chain = ca_key, ca_name, []
    if intermediate:
        int_key = _key(key)
        int_name = _name("tinyaws test intermediate CA")
        chain = [_ca_cert(int_name, int_key, ca_name, ca_key, 0, now, day, key)]
        issuer_key, issuer_name = int_key, int_name

    leaf_key = _key(key)
    start, end = now - day, now + 30 * day
    if mode == "expired":
        start, end = now - 30 * day, now - day
    elif mode == "notyet":
        start, end = now + day, now + 30 * day
    if san is None:
        san = ["DNS:wrong.example"] if mode == "wronghost" else list(DEFAULT_SAN)
    if mode == "selfsigned":
        issuer_name, issuer_key, chain = _name("localhost"), leaf_key, []
    # An RSA leaf signs (ECDHE-RSA) and, in TLS 1.2 with RSA key exchange, encrypts.
    ku = (x509.KeyUsage(True, False, True, False, False, False, False, False, False) if key == "rsa2048"
          else x509.KeyUsage(True, False, False, False, False, False, False, False, False))
    builder = (x509.CertificateBuilder().subject_name(_name("localhost")).issuer_name(issuer_name)
               .public_key(leaf_key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(start).not_valid_after(end)
               .add_extension(_san(san), critical=False)
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(ku, critical=True)
               .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False))
    if mode != "selfsigned":
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False)
    cert = builder.sign(issuer_key, _hash(key))
    key = leaf_key

    paths = {k: os.path.abspath(os.path.join(state_dir, f))
             for k, f in (("ca", "ca.pem"), ("cert", "server.pem"), ("key", "server-key.pem"))}
    with open(paths["ca"], "wb") as f:
        f.write(ca.public_bytes(serialization.Encoding.PEM))
    with open(paths["cert"], "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
        for c in chain:
            f.write(c.public_bytes(serialization.Encoding.PEM))
    if chain:  # the intermediates alone, for servers that take them apart (openssl -cert_chain)
        paths["chain"] = os.path.abspath(os.path.join(state_dir, "chain.pem"))
        with open(paths["chain"], "wb") as f:
            for c in chain:
                f.write(c.public_bytes(serialization.Encoding.PEM))
    fd = os.open(paths["key"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(_pem_key(key))
    return paths
