"""The desk's Ed25519 key pair. The private key lives in a file in the key folder, never in the store."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.core import paths
from app.core.errors import KeyMissing

__all__ = ["KeyMissing", "generate", "key_path", "load_private", "public_hex", "sign", "verify"]


def key_path(desk_id: str) -> Path:
    return paths.key_dir() / f"desk-{desk_id}.pem"


def generate(desk_id: str) -> str:
    """Create and save the desk's key pair; returns the public key as hex."""
    private = Ed25519PrivateKey.generate()
    path = key_path(desk_id)
    paths.private_dir(path.parent)
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    # Written with owner-only permissions from the start, never world-readable even briefly.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return public_hex(private.public_key())


def public_hex(public: Ed25519PublicKey) -> str:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def load_private(desk_id: str) -> Ed25519PrivateKey:
    """The desk's private key, parsed once and kept until its file changes (a receipt signs while the
    citizen waits; parsing the PEM costs more than signing)."""
    path = key_path(desk_id)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise _missing(path) from None
    stamp = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    cached = _loaded.get(str(path))
    if cached is not None and cached[0] == stamp:
        return cached[1]
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise _missing(path) from None
    key = serialization.load_pem_private_key(data, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyMissing("Tệp khóa của quầy không phải khóa Ed25519.", "The desk key file is not an Ed25519 key.")
    _loaded[str(path)] = (stamp, key)
    return key


# key file path -> ((inode, size, mtime, ctime), parsed key): a replaced or rewritten file is read again
# (ctime too: a restored file may carry its old mtime, and a new file may get the old one's inode).
_loaded: dict[str, tuple[tuple[int, int, int, int], Ed25519PrivateKey]] = {}


def _missing(path: Path) -> KeyMissing:
    return KeyMissing(
        f"Không tìm thấy khóa bí mật của quầy tại {path}.",
        f"The desk's private key was not found at {path}.",
    )


def sign(desk_id: str, message: bytes) -> bytes:
    return load_private(desk_id).sign(message)


def verify(public_key_hex: str, message: bytes, signature: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex)).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True
