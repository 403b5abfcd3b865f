# SPDX-License-Identifier: MIT
"""Test PKI of the AWS IoT credentials endpoint: a client CA made at start-up (the CA a device
fleet's certificates come from, as registered with AWS IoT) and the client certificates a test
presents, written into <state-dir>/iot/.

For every client certificate NAME: NAME.pem and NAME.der (the certificate), NAME-key.pem and
NAME-key.der (the private key in the traditional form AWS IoT hands out: PKCS#1 for RSA, SEC1
for EC), NAME-key-pkcs8.pem (the same key as PKCS#8). manifest.json lists them with their key
type, SHA-256 fingerprint, validity and the thing they are attached to.

| name          | key      | issuer        | valid       | attached to       |
|---------------|----------|---------------|-------------|-------------------|
| thing-ec      | P-256    | client CA     | yes         | the thing         |
| thing-rsa     | RSA-2048 | client CA     | yes         | the thing         |
| thing2-ec     | P-256    | client CA     | yes         | the second thing  |
| unattached-ec | P-256    | client CA     | yes         | nothing           |
| expired-ec    | P-256    | client CA     | expired     | the thing         |
| notyet-ec     | P-256    | client CA     | not yet     | the thing         |
| other-ca-ec   | P-256    | another CA    | yes         | the thing         |

The TLS layer refuses the last three (and a connection without a certificate); the others
complete the handshake and are judged by the HTTP layer, as AWS IoT does.
"""
import datetime
import hashlib
import json
import os

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

import certs

# name -> (key kind, issuer "ca" | "other", validity "good" | "expired" | "notyet", thing slot)
CLIENTS = {
    "thing-ec": ("p256", "ca", "good", "thing"),
    "thing-rsa": ("rsa2048", "ca", "good", "thing"),
    "thing2-ec": ("p256", "ca", "good", "thing2"),
    "unattached-ec": ("p256", "ca", "good", None),
    "expired-ec": ("p256", "ca", "expired", "thing"),
    "notyet-ec": ("p256", "ca", "notyet", "thing"),
    "other-ca-ec": ("p256", "other", "good", "thing"),
}


def _client_cert(name, key, issuer_name, issuer_key, validity, now, day):
    start, end = now - day, now + 365 * day
    if validity == "expired":
        start, end = now - 30 * day, now - day
    elif validity == "notyet":
        start, end = now + day, now + 30 * day
    subject = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "tinyaws test"),
                         x509.NameAttribute(NameOID.COMMON_NAME, "AWS IoT Certificate " + name)])
    # digital signature, and for RSA key encipherment too (as the server certificates)
    ku = x509.KeyUsage(True, False, isinstance(key, rsa.RSAPrivateKey), False, False, False, False, False, False)
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer_name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(ku, critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
                           critical=False)
            .sign(issuer_key, certs._hash("p256")))


def _write(path, data, private=False):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if private else 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def fingerprint(der):
    return hashlib.sha256(der).hexdigest()


def generate(state_dir, thing, thing2):
    """Writes <state_dir>/iot/...; returns {"dir", "client_ca", "clients": {name: {...}}}.

    thing, thing2: the names of the two things the attached certificates belong to."""
    out_dir = os.path.abspath(os.path.join(state_dir, "iot"))
    os.makedirs(out_dir, exist_ok=True)
    now = datetime.datetime.utcnow()
    day = datetime.timedelta(days=1)
    cas = {}
    for slot, cn in (("ca", "tinyaws test IoT client CA"), ("other", "tinyaws test other CA")):
        key = certs._key("p256")
        name = certs._name(cn)
        cas[slot] = (key, name, certs._ca_cert(name, key, name, key, 0, now, day, "p256"))
    _write(os.path.join(out_dir, "client-ca.pem"), cas["ca"][2].public_bytes(serialization.Encoding.PEM))
    _write(os.path.join(out_dir, "other-ca.pem"), cas["other"][2].public_bytes(serialization.Encoding.PEM))
    things = {"thing": thing, "thing2": thing2}
    clients = {}
    for name, (kind, issuer, validity, slot) in CLIENTS.items():
        key = certs._key(kind)
        ca_key, ca_name, _ = cas[issuer]
        cert = _client_cert(name, key, ca_name, ca_key, validity, now, day)
        der = cert.public_bytes(serialization.Encoding.DER)
        base = os.path.join(out_dir, name)
        _write(base + ".pem", cert.public_bytes(serialization.Encoding.PEM))
        _write(base + ".der", der)
        for suffix, enc, fmt in (("-key.pem", serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL),
                                 ("-key.der", serialization.Encoding.DER, serialization.PrivateFormat.TraditionalOpenSSL),
                                 ("-key-pkcs8.pem", serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8)):
            _write(base + suffix, key.private_bytes(enc, fmt, serialization.NoEncryption()), private=True)
        clients[name] = {"key": "rsa" if kind == "rsa2048" else "ec", "issuer": issuer, "validity": validity,
                         "thing": things.get(slot), "sha256": fingerprint(der),
                         "cert": base + ".pem", "cert_der": base + ".der", "key_pem": base + "-key.pem",
                         "key_der": base + "-key.der", "key_pkcs8": base + "-key-pkcs8.pem"}
    info = {"dir": out_dir, "client_ca": os.path.join(out_dir, "client-ca.pem"),
            "other_ca": os.path.join(out_dir, "other-ca.pem"), "clients": clients}
    with open(os.path.join(out_dir, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(info, f, indent=1, sort_keys=True)
    return info
