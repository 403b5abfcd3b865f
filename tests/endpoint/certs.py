"""Fresh CA and server certificate per start (EC P-256), plus the broken variants for negative TLS tests.

SAN carries DNS:localhost because mbedTLS 2.28 does not match IP SANs; IP:127.0.0.1 is
there for clients that do.
"""
import datetime
import ipaddress
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

MODES = ("good", "expired", "notyet", "wronghost", "selfsigned")


def _name(cn):
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "tinyaws test"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _pem_key(key):
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def generate(state_dir, mode="good"):
    """Writes ca.pem, server.pem, server-key.pem into state_dir; returns their absolute paths."""
    if mode not in MODES:
        raise ValueError("cert mode must be one of " + ", ".join(MODES))
    os.makedirs(state_dir, exist_ok=True)
    now = datetime.datetime.utcnow()
    day = datetime.timedelta(days=1)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("tinyaws test CA")
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - day).not_valid_after(now + 365 * day)
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))

    key = ec.generate_private_key(ec.SECP256R1())
    start, end = now - day, now + 30 * day
    if mode == "expired":
        start, end = now - 30 * day, now - day
    elif mode == "notyet":
        start, end = now + day, now + 30 * day
    if mode == "wronghost":
        san = [x509.DNSName("wrong.example")]
    else:
        san = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    issuer_name, signer = (ca_name, ca_key) if mode != "selfsigned" else (_name("localhost"), key)
    builder = (x509.CertificateBuilder().subject_name(_name("localhost")).issuer_name(issuer_name)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(start).not_valid_after(end)
               .add_extension(x509.SubjectAlternativeName(san), critical=False)
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False),
                              critical=True)
               .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False))
    if mode != "selfsigned":
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
    cert = builder.sign(signer, hashes.SHA256())

    paths = {k: os.path.abspath(os.path.join(state_dir, f))
             for k, f in (("ca", "ca.pem"), ("cert", "server.pem"), ("key", "server-key.pem"))}
    with open(paths["ca"], "wb") as f:
        f.write(ca.public_bytes(serialization.Encoding.PEM))
    with open(paths["cert"], "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    fd = os.open(paths["key"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(_pem_key(key))
    return paths
