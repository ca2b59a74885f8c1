"""The commune key that keeps a denouncer's identity secret (Law on Denunciations 2018, Art. 9).

The key is 32 random bytes for AES-256-GCM, in a file in the key folder (never in the database), so
a copied database file reveals nothing and the identity syncs as ciphertext. Every desk of one
commune needs the same key: a leader exports it with a passphrase (scrypt) and imports it on the
other desk. The key is created at first use, unless the store already holds identities encrypted
under another key (then it must be imported, not invented).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app.core import history, paths
from app.core.clock import Clock, iso
from app.core.errors import KeyMissing, MotcuaError, PermissionDenied, ValidationError
from app.core.records import Clerk, DeskIdentity
from app.core.text import nfc
from db.feedback_store import FeedbackStore
from db.files import private_dir
from db.ids import new_id
from db.store import Store

MASK = "***"
PERMITTED_ROLES = ("leader", "admin")
EXPORT_FORMAT = "motcua-commune-key"
MIN_PASSPHRASE = 10
# scrypt cost: about 0.1 s and 32 MiB here; an exported key file may travel on a USB stick.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
_CIPHER_PREFIX = "v1"


class KeyMismatch(MotcuaError):
    """A ciphertext or an imported key belongs to a different commune key."""


class ReasonRequired(ValidationError):
    """A denouncer's identity is read only with a reason, which the read log keeps."""

    def __init__(self) -> None:
        super().__init__(
            "Cần ghi lý do xem danh tính người tố cáo.",
            "A reason is needed to read a denouncer's identity.",
            field="purpose",
        )


@dataclass(frozen=True)
class Identity:
    """A person's identity in clear: only ever returned by an audited, permitted read."""

    name: str = ""
    address: str = ""
    contact: str = ""
    # The dossier a denunciation names: with it, anyone holding the hub's data could join the entry
    # to the applicant's name and CCCD, so it is sealed with the identity.
    dossier_id: str = ""
    dossier_code: str = ""

    def __repr__(self) -> str:
        # Keeps the clear text out of tracebacks and logs that print the object.
        return "Identity(***)"

    def to_dict(self) -> dict[str, str]:
        out = {"name": self.name, "address": self.address, "contact": self.contact}
        if self.dossier_id:
            out.update(dossier_id=self.dossier_id, dossier_code=self.dossier_code)
        return out


def can_read(clerk: Clerk) -> bool:
    return clerk.can(*PERMITTED_ROLES)


def require_permitted(clerk: Clerk) -> None:
    if not can_read(clerk):
        raise PermissionDenied(
            "Chỉ lãnh đạo hoặc quản trị viên được xem thông tin người tố cáo.",
            "Only a leader or an administrator may see a denouncer's identity.",
        )


def require_reason(purpose: str | None) -> str:
    """Every reading of a denouncer's identity says why (Law 91/2025 on personal data); the reason is logged."""
    reason = nfc(purpose or "").strip()
    if not reason:
        raise ReasonRequired()
    return reason


def mask(value: str | None) -> str:
    return MASK if value else ""


def key_id_of(key: bytes) -> str:
    """A fingerprint that names the key without revealing it."""
    return hashlib.sha256(b"motcua-commune-key" + key).hexdigest()[:16]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


class CommuneKey:
    """The key file of one commune, in ``paths.key_dir()``."""

    def __init__(self, commune_code: str, key_dir: Path | None = None) -> None:
        self.commune_code = commune_code
        self.key_dir = key_dir

    @property
    def path(self) -> Path:
        return (self.key_dir or paths.key_dir()) / f"commune-{self.commune_code}.key"

    def exists(self) -> bool:
        return self.path.exists()

    def _missing(self) -> KeyMissing:
        return KeyMissing(
            f"Không tìm thấy khóa bảo mật của xã tại {self.path}; lãnh đạo cần nhập khóa từ quầy khác.",
            f"The commune's confidentiality key was not found at {self.path}; a leader must import it "
            "from another desk.",
        )

    def load(self) -> tuple[str, bytes]:
        """(key id, key bytes); KeyMissing if the file is not there."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            key = _unb64(data["key"])
        except FileNotFoundError:
            raise self._missing() from None
        except (ValueError, KeyError, TypeError):
            raise KeyMissing(
                f"Tệp khóa bảo mật của xã tại {self.path} bị hỏng.", f"The commune key file at {self.path} is damaged."
            ) from None
        if len(key) != 32 or data.get("commune") != self.commune_code:
            raise KeyMismatch(
                f"Tệp khóa tại {self.path} không phải khóa của xã {self.commune_code}.",
                f"The key file at {self.path} is not the key of commune {self.commune_code}.",
            )
        return key_id_of(key), key

    def _write(self, key: bytes) -> None:
        path = self.path
        private_dir(path.parent)
        body = json.dumps({"commune": self.commune_code, "key_id": key_id_of(key), "key": _b64(key)})
        # Owner-only from the first byte; O_EXCL so two processes never both create a key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(body)

    def ensure(self, ids_in_use: list[str]) -> tuple[str, bytes]:
        """The key, created now if this commune has none yet anywhere this store can see."""
        if self.exists():
            return self.load()
        if ids_in_use:
            raise self._missing()
        key = AESGCM.generate_key(bit_length=256)
        try:
            self._write(key)
        except FileExistsError:
            pass  # created meanwhile by another process: use that one
        return self.load()

    # Encryption of one record's identity

    def encrypt(self, identity: Identity, record_id: str, ids_in_use: list[str]) -> tuple[str, str]:
        """(ciphertext text, key id). The record id is bound in, so a ciphertext cannot be moved."""
        key_id, key = self.ensure(ids_in_use)
        nonce = secrets.token_bytes(12)
        plain = json.dumps(identity.to_dict(), ensure_ascii=False).encode("utf-8")
        sealed = AESGCM(key).encrypt(nonce, plain, self._aad(record_id))
        return f"{_CIPHER_PREFIX}:{key_id}:{_b64(nonce + sealed)}", key_id

    def decrypt(self, cipher_text: str, record_id: str) -> Identity:
        try:
            prefix, key_id, body = cipher_text.split(":", 2)
        except ValueError:
            raise KeyMismatch("Dữ liệu bảo mật bị hỏng.", "The protected data is damaged.") from None
        own_id, key = self.load()
        if prefix != _CIPHER_PREFIX or key_id != own_id:
            raise KeyMismatch(
                "Thông tin này được mã hóa bằng khóa khác với khóa của quầy; cần nhập đúng khóa của xã.",
                "This record was encrypted with a key other than this desk's; import the commune's key.",
            )
        raw = _unb64(body)
        try:
            plain = AESGCM(key).decrypt(raw[:12], raw[12:], self._aad(record_id))
        except InvalidTag:
            raise KeyMismatch(
                "Dữ liệu bảo mật bị hỏng hoặc bị sửa.", "The protected data is damaged or was altered."
            ) from None
        data = json.loads(plain.decode("utf-8"))
        return Identity(
            data.get("name", ""),
            data.get("address", ""),
            data.get("contact", ""),
            data.get("dossier_id", ""),
            data.get("dossier_code", ""),
        )

    def _aad(self, record_id: str) -> bytes:
        return f"{self.commune_code}:{record_id}".encode()

    # Moving the key to another desk

    def export(self, passphrase: str) -> bytes:
        """The key sealed under a passphrase: a JSON file the leader carries to another desk."""
        _check_passphrase(passphrase)
        key_id, key = self.load()
        salt = secrets.token_bytes(16)
        nonce = secrets.token_bytes(12)
        wrapping = _derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
        sealed = AESGCM(wrapping).encrypt(nonce, key, self.commune_code.encode())
        doc: dict[str, Any] = {
            "format": EXPORT_FORMAT,
            "version": 1,
            "commune": self.commune_code,
            "key_id": key_id,
            "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(salt)},
            "nonce": _b64(nonce),
            "ciphertext": _b64(sealed),
        }
        return json.dumps(doc, indent=1).encode("utf-8")

    def import_(self, blob: bytes, passphrase: str) -> str:
        """Install an exported key; returns its key id. A different key already here is refused."""
        bad = ValidationError("Tệp khóa xuất không hợp lệ.", "The exported key file is not valid.", field="file")
        try:
            doc = json.loads(blob.decode("utf-8"))
            kdf = doc["kdf"]
            salt, nonce, sealed = _unb64(kdf["salt"]), _unb64(doc["nonce"]), _unb64(doc["ciphertext"])
            n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise bad from None
        if doc.get("format") != EXPORT_FORMAT or kdf.get("name") != "scrypt" or not (2**10 <= n <= 2**20):
            raise bad
        if doc.get("commune") != self.commune_code:
            raise KeyMismatch(
                f"Tệp khóa này là của xã {doc.get('commune')}, không phải xã {self.commune_code}.",
                f"This key belongs to commune {doc.get('commune')}, not {self.commune_code}.",
            )
        try:
            key = AESGCM(_derive(passphrase, salt, n, r, p)).decrypt(nonce, sealed, self.commune_code.encode())
        except InvalidTag:
            raise ValidationError(
                "Cụm mật khẩu không đúng hoặc tệp khóa bị hỏng.",
                "Wrong passphrase, or the key file is damaged.",
                field="passphrase",
            ) from None
        key_id = key_id_of(key)
        if self.exists():
            own_id, _ = self.load()
            if own_id == key_id:
                return key_id
            raise KeyMismatch(
                "Quầy này đã có một khóa bảo mật khác; không ghi đè để tránh mất dữ liệu.",
                "This desk already holds a different key; it is not overwritten, to avoid data loss.",
            )
        self._write(key)
        return key_id


def _check_passphrase(passphrase: str) -> None:
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise ValidationError(
            f"Cụm mật khẩu phải có ít nhất {MIN_PASSPHRASE} ký tự.",
            f"The passphrase must have at least {MIN_PASSPHRASE} characters.",
            field="passphrase",
        )


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def record_access(
    store: Store,
    clock: Clock,
    desk: DeskIdentity,
    clerk: Clerk,
    action: str,
    *,
    entry_id: str | None = None,
    purpose: str = "",
) -> dict[str, Any]:
    """One line of the confidential-read log (who, when, which entry), synced like any record."""
    now = iso(clock.now())
    row = {
        "id": new_id(),
        "entry_id": entry_id,
        "action": action,
        "clerk_id": clerk.id,
        "role": clerk.role,
        "purpose": nfc(purpose),
        "at": now,
        "desk_id": desk.desk_id,
        "created_at": now,
    }
    history.record(store, history.CONFIDENTIAL_READ, row, write=lambda: FeedbackStore(store).insert_read(row))
    return row


class KeyService:
    """The leader's side of the commune key: export and import, each recorded in the read log."""

    def __init__(self, store: Store, clock: Clock, desk: DeskIdentity, key: CommuneKey | None = None) -> None:
        self.store = store
        self.clock = clock
        self.desk = desk
        self.key = key or CommuneKey(desk.commune_code)

    def status(self) -> dict[str, Any]:
        """Whether this desk holds the key, and whether the store needs one it lacks."""
        in_use = FeedbackStore(self.store).key_ids_in_use()
        own = self.key.load()[0] if self.key.exists() else None
        return {
            "path": str(self.key.path),
            "present": own is not None,
            "key_id": own,
            "in_use": in_use,
            "usable": own is not None and all(k == own for k in in_use),
        }

    def export_key(self, clerk: Clerk, passphrase: str, target: Path) -> Path:
        require_key_role(clerk)
        blob = self.key.export(passphrase)
        target = Path(target)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
        record_access(self.store, self.clock, self.desk, clerk, "key_export", purpose=target.name)
        return target

    def import_key(self, clerk: Clerk, blob: bytes, passphrase: str) -> str:
        require_key_role(clerk)
        key_id = self.key.import_(blob, passphrase)
        record_access(self.store, self.clock, self.desk, clerk, "key_import", purpose=key_id)
        return key_id


def require_key_role(clerk: Clerk) -> None:
    if not can_read(clerk):
        raise PermissionDenied(
            "Chỉ lãnh đạo hoặc quản trị viên được xuất, nhập khóa bảo mật của xã.",
            "Only a leader or an administrator may export or import the commune key.",
        )
