"""Encrypted backup files: AES-256-GCM in 1 MiB chunks, the key from a passphrase by scrypt.

A backup that leaves the desk's disk (a FAT stick has no permissions, and every CCCD is in it) is
written in this format. The desk keeps the derived key (in its key folder, readable by its user only)
so it can write backups unattended; restoring asks for the passphrase, so an admin whose desk died
recovers everything from the stick and the passphrase alone. The salt and scrypt cost sit in the file's
header.

File: ``MAGIC``, a 4-byte header length, the header (JSON), then chunks ``[u32 length][u8 last][data]``.
Each chunk's nonce is the header's 8-byte prefix and the chunk's number; its associated data is the
header, the number and the "last" flag, so chunks cannot be reordered, dropped or cut off unnoticed.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app.core.errors import MotcuaError, ValidationError

MAGIC = b"MOTCUA-BACKUP\x01"
KEY_FORMAT = "motcua-backup-key"
CHUNK = 1 << 20
MIN_PASSPHRASE = 10
# About 0.1 s and 32 MiB: paid once when the passphrase is set and once per restore.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1


class WrongPassphrase(MotcuaError):
    def __init__(self) -> None:
        super().__init__(
            "Mật khẩu sao lưu không đúng hoặc tệp sao lưu đã bị sửa.",
            "The backup passphrase is wrong or the backup file was altered.",
            field="passphrase",
        )


class NotABackup(MotcuaError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Tệp {path.name} không phải bản sao lưu của MotCua hoặc đã hỏng.",
            f"{path.name} is not a MotCua backup or it is damaged.",
            field="file",
        )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


@dataclass(frozen=True)
class BackupKey:
    key: bytes
    salt: bytes
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P

    @property
    def key_id(self) -> str:
        return hashlib.sha256(b"motcua-backup-key-id" + self.key).hexdigest()[:16]

    @classmethod
    def from_passphrase(
        cls, passphrase: str, salt: bytes | None = None, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P
    ) -> BackupKey:
        salt = salt or os.urandom(16)
        key = Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))
        return cls(key, salt, n, r, p)

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": KEY_FORMAT,
                "key": _b64(self.key),
                "salt": _b64(self.salt),
                "n": self.n,
                "r": self.r,
                "p": self.p,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> BackupKey:
        data = json.loads(text)
        if data.get("format") != KEY_FORMAT:
            raise ValueError("not a backup key")
        return cls(_unb64(data["key"]), _unb64(data["salt"]), data["n"], data["r"], data["p"])


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(
            f"Mật khẩu sao lưu phải có ít nhất {MIN_PASSPHRASE} ký tự.",
            f"The backup passphrase must have at least {MIN_PASSPHRASE} characters.",
            field="passphrase",
        )


def _chunks(handle: BinaryIO) -> Iterator[tuple[bytes, bool]]:
    current = handle.read(CHUNK)
    while True:
        following = handle.read(CHUNK)
        yield current, not following
        if not following:
            return
        current = following


def encrypt_file(source: Path, target: BinaryIO, key: BackupKey, info: dict[str, object]) -> str:
    """Stream ``source`` encrypted into ``target``; returns the SHA-256 of the clear bytes."""
    prefix = os.urandom(8)
    header = json.dumps(
        {
            **info,
            "salt": _b64(key.salt),
            "n": key.n,
            "r": key.r,
            "p": key.p,
            "key_id": key.key_id,
            "nonce": _b64(prefix),
        },
        ensure_ascii=False,
        sort_keys=True,
    ).encode("utf-8")
    target.write(MAGIC + struct.pack(">I", len(header)) + header)
    aead = AESGCM(key.key)
    digest = hashlib.sha256()
    with open(source, "rb") as handle:
        for number, (chunk, last) in enumerate(_chunks(handle)):
            digest.update(chunk)
            aad = header + struct.pack(">QB", number, last)
            sealed = aead.encrypt(prefix + struct.pack(">I", number), chunk, aad)
            target.write(struct.pack(">IB", len(sealed), last) + sealed)
    return digest.hexdigest()


def read_header(handle: BinaryIO, path: Path) -> tuple[bytes, dict[str, object]]:
    if handle.read(len(MAGIC)) != MAGIC:
        raise NotABackup(path)
    try:
        (length,) = struct.unpack(">I", handle.read(4))
        raw = handle.read(length)
        return raw, json.loads(raw.decode("utf-8"))
    except (struct.error, ValueError) as exc:
        raise NotABackup(path) from exc


def is_encrypted(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def decrypt_file(path: Path, passphrase: str | None, target: BinaryIO | None, key: BackupKey | None = None) -> str:
    """Decrypt ``path`` into ``target`` (or only check it, with None); returns the clear SHA-256.

    The key comes from the passphrase and the header's salt, or is given (the desk checking its own
    backup right after writing it)."""
    with open(path, "rb") as handle:
        header, info = read_header(handle, path)
        if key is None:
            if passphrase is None:
                raise WrongPassphrase()
            key = BackupKey.from_passphrase(
                passphrase,
                _unb64(str(info["salt"])),
                int(info["n"]),
                int(info["r"]),
                int(info["p"]),  # type: ignore[arg-type]
            )
        if key.key_id != info.get("key_id"):
            raise WrongPassphrase()
        aead = AESGCM(key.key)
        prefix = _unb64(str(info["nonce"]))
        digest = hashlib.sha256()
        number, last = 0, False
        while not last:
            head = handle.read(5)
            if len(head) < 5:
                raise NotABackup(path)  # cut off before its last chunk
            length, last = struct.unpack(">IB", head)
            sealed = handle.read(length)
            try:
                chunk = aead.decrypt(
                    prefix + struct.pack(">I", number), sealed, header + struct.pack(">QB", number, last)
                )
            except InvalidTag as exc:
                raise NotABackup(path) from exc
            digest.update(chunk)
            if target is not None:
                target.write(chunk)
            number += 1
        if handle.read(1):
            raise NotABackup(path)
    return digest.hexdigest()
