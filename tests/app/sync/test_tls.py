"""HTTPS to the hub: the province's own CA when configured, the system's otherwise."""

from __future__ import annotations

import datetime as dt
import ipaddress
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.core.clock import FixedClock
from app.sync.errors import HubUnreachable
from tests.app.sync.helpers import receive
from tests.app.sync.hub import Hub
from tests.conftest import make_desk


def _pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def make_ca(folder: Path) -> tuple[Path, Path, Path]:
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Sở TT&TT thử nghiệm")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    paths = folder / "hub.pem", folder / "hub.key", folder / "ca.pem"
    paths[0].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(_pem(key))
    paths[2].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    return paths


@pytest.mark.slow
def test_sync_over_https_with_the_provinces_ca(tmp_path: Path, clock: FixedClock) -> None:
    tls = make_ca(tmp_path)
    hub = Hub(str(tmp_path / "hub.sqlite3"), tmp_path / "hub.log", tls=tls)
    hub.admin("commune", "add", "87001", "Xã Tân Thành")
    hub.start()
    try:
        desk = make_desk(tmp_path / "d.sqlite3", FixedClock(clock.at))
        with pytest.raises(HubUnreachable):  # not trusted by the system's CAs
            desk.sync.enroll(hub.url, hub.token("87001", 1))
        desk.sync.enroll(hub.url, hub.token("87001", 1), ca_file=str(tls[2]))
        receive(desk, 1)
        report = desk.sync.run_once()
        assert (report.complete, report.sent) == (True, 2)
        desk.close()
    finally:
        hub.stop()
