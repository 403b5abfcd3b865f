"""Test PKI made at test time with python3-cryptography: a CA and server certificates that are
good, expired, not yet valid, for the wrong host, or self-signed."""
import datetime
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

DAY = datetime.timedelta(days=1)


def _name(cn):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_ca(cn='tinyaws test CA'):
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.utcnow()
    cert = (x509.CertificateBuilder().subject_name(_name(cn)).issuer_name(_name(cn))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - DAY).not_valid_after(now + 30 * DAY)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                         content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False,
                                         encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    return key, cert


def make_server_cert(ca, names=('localhost',), ips=('127.0.0.1',), mode='good'):
    """mode: good | expired | notyet | wronghost | selfsigned."""
    import ipaddress
    ca_key, ca_cert = ca
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.utcnow()
    before, after = now - DAY, now + 30 * DAY
    if mode == 'expired':
        before, after = now - 30 * DAY, now - DAY
    elif mode == 'notyet':
        before, after = now + DAY, now + 30 * DAY
    if mode == 'wronghost':
        names, ips = ('wrong.example',), ()
    sans = [x509.DNSName(n) for n in names] + [x509.IPAddress(ipaddress.ip_address(i)) for i in ips]
    issuer_key, issuer_name = (key, _name(names[0])) if mode == 'selfsigned' else (ca_key, ca_cert.subject)
    cert = (x509.CertificateBuilder().subject_name(_name(names[0])).issuer_name(issuer_name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(before).not_valid_after(after)
            .add_extension(x509.SubjectAlternativeName(sans), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]),
                           critical=False)
            .sign(issuer_key, hashes.SHA256()))
    return key, cert


def write_pem(directory, stem, key=None, cert=None):
    """Writes <stem>.pem (certificate) and <stem>.key; returns their paths."""
    os.makedirs(directory, exist_ok=True)
    cert_path = os.path.join(directory, stem + '.pem')
    key_path = os.path.join(directory, stem + '.key')
    if cert is not None:
        with open(cert_path, 'wb') as f:
            f.write(cert.public_bytes(serialization.Encoding.PEM))
    if key is not None:
        with open(key_path, 'wb') as f:
            f.write(key.private_bytes(serialization.Encoding.PEM,
                                      serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()))
    return cert_path, key_path
