"""Automatic backups: when one is due (the end of each working day), taking it while the clerk keeps
working, checking it, encrypting what leaves the desk's disk, rotating the folder, and staging a
restore.

Settings live in the store's meta (``backup.folder``); the encryption key in the desk's key folder.
Each backup: a snapshot on this service's own connection (a worker thread's, so the window never
waits) into a temporary file beside the store, ``quick_check`` and the counts compared, then either
encrypted into the folder and decrypted back to compare its digest, or (a plain backup on the same
disk) moved there; only then does it get its final name, and the folder is rotated.
"""

from __future__ import annotations

import contextlib
import os
import time as _time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from app.backup import crypto, rotation
from app.core import paths
from app.core.clock import Clock, iso, parse_iso
from app.core.errors import MotcuaError, PermissionDenied
from app.core.records import Clerk, DeskIdentity
from app.core.worktime import CalendarSource
from db import backup as files
from db.store import Store

FOLDER_KEY, LAST_AT_KEY, LAST_FILE_KEY, LAST_ERROR_KEY = (
    "backup.folder",
    "backup.last_at",
    "backup.last_file",
    "backup.last_error",
)


class BackupProblem(MotcuaError):
    """A backup could not be taken or restored; the sentence says what to do."""


def folder_missing(folder: Path) -> BackupProblem:
    return BackupProblem(
        f"Không thấy thư mục sao lưu {folder}; hãy cắm USB hoặc chọn thư mục khác.",
        f"The backup folder {folder} is missing; plug in the USB stick or choose another folder.",
        field="folder",
    )


def key_file() -> Path:
    return paths.key_dir() / "backup.key"


@dataclass(frozen=True)
class BackupResult:
    path: Path
    taken_at: datetime
    size: int
    encrypted: bool
    counts: dict[str, int]
    seconds: float
    removed: tuple[Path, ...] = ()


@dataclass(frozen=True)
class BackupStatus:
    """state: off (no folder chosen), missing (folder not there), never, old (> 1 working day), failed, ok."""

    state: str
    folder: Path | None
    last_at: datetime | None
    last_error: str | None = None


def _require_admin(clerk: Clerk) -> None:
    if not clerk.can("admin"):
        raise PermissionDenied(
            "Chỉ quản trị viên được đặt sao lưu hoặc khôi phục dữ liệu.",
            "Only an administrator may set up backups or restore data.",
        )


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every system lets a folder be opened (Windows)
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class BackupService:
    def __init__(self, store: Store, clock: Clock, calendar: CalendarSource, identity: DeskIdentity) -> None:
        self.store = store
        self.clock = clock
        self.calendar = calendar
        self.identity = identity

    # Settings

    @property
    def folder(self) -> Path | None:
        value = self.store.get_meta(FOLDER_KEY)
        return Path(value) if value else None

    def set_folder(self, clerk: Clerk, folder: str | Path) -> Path:
        _require_admin(clerk)
        target = Path(folder).expanduser().resolve()
        if not target.is_dir():
            raise folder_missing(target)
        self.store.set_meta({FOLDER_KEY: str(target)})
        return target

    @property
    def has_key(self) -> bool:
        return key_file().exists()

    def set_passphrase(self, clerk: Clerk, passphrase: str) -> None:
        """Backups from now on are encrypted with a key an admin can recover from this passphrase."""
        _require_admin(clerk)
        crypto.check_passphrase(passphrase)
        key = crypto.BackupKey.from_passphrase(passphrase)
        path = key_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        files.private_file(tmp)
        tmp.write_text(key.to_json(), encoding="utf-8")
        os.replace(tmp, path)

    def _key(self) -> crypto.BackupKey | None:
        try:
            return crypto.BackupKey.from_json(key_file().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None

    # When

    def last_close(self, now: datetime) -> datetime:
        """The end of the most recent working day's office hours at or before ``now``."""
        cal = self.calendar()
        close = cal.afternoon[1]
        day: date = now.date()
        if not (cal.is_working_day(day) and now.timetz().replace(tzinfo=None) >= close):
            day -= timedelta(days=1)
            while not cal.is_working_day(day):
                day -= timedelta(days=1)
        return datetime.combine(day, close, tzinfo=now.tzinfo)

    @property
    def last_at(self) -> datetime | None:
        value = self.store.get_meta(LAST_AT_KEY)
        return parse_iso(value) if value else None

    def due(self, now: datetime | None = None) -> bool:
        now = now or self.clock.now()
        last = self.last_at
        return self.folder is not None and (last is None or last < self.last_close(now))

    def status(self, now: datetime | None = None) -> BackupStatus:
        now = now or self.clock.now()
        folder, last = self.folder, self.last_at
        error = self.store.get_meta(LAST_ERROR_KEY) or None
        if folder is None:
            return BackupStatus("off", None, last)
        if not folder.is_dir():
            return BackupStatus("missing", folder, last, error)
        if error:
            return BackupStatus("failed", folder, last, error)
        if last is None:
            return BackupStatus("never", folder, None)
        if self.calendar().add_working_days(last.date(), 1) < now.date():
            return BackupStatus("old", folder, last)
        return BackupStatus("ok", folder, last)

    # Taking one

    def run_if_due(self) -> BackupResult | None:
        return self.run() if self.due() else None

    def run(self, folder: Path | None = None) -> BackupResult:
        """A backup now into ``folder`` (the chosen one by default); a failure is remembered for the
        status bar and raised."""
        try:
            result = self._run(folder)
        except MotcuaError as exc:
            self.store.set_meta({LAST_ERROR_KEY: exc.message("vi")})
            raise
        except OSError as exc:
            problem = BackupProblem(
                f"Không ghi được bản sao lưu: {exc.strerror or exc}.", f"The backup could not be written: {exc}."
            )
            self.store.set_meta({LAST_ERROR_KEY: problem.vi})
            raise problem from exc
        self.store.set_meta({LAST_AT_KEY: iso(result.taken_at), LAST_FILE_KEY: str(result.path), LAST_ERROR_KEY: ""})
        return result

    def _run(self, folder: Path | None) -> BackupResult:
        started = _time.monotonic()
        folder = folder or self.folder
        if folder is None:
            raise BackupProblem("Chưa chọn thư mục sao lưu.", "No backup folder has been chosen.", field="folder")
        if not folder.is_dir():
            raise folder_missing(folder)
        if self.store.path is None:
            raise BackupProblem(
                "Kho dữ liệu trong bộ nhớ không sao lưu được.", "An in-memory store cannot be backed up."
            )
        key = self._key()
        off_disk = os.stat(folder).st_dev != os.stat(self.store.path.parent).st_dev
        if key is None and off_disk:
            raise BackupProblem(
                "Bản sao lưu ra USB hoặc ổ khác phải được mã hoá: quản trị viên hãy đặt mật khẩu sao lưu trước.",
                "A backup leaving this disk must be encrypted: an administrator must first set a backup passphrase.",
                field="passphrase",
            )
        self._clean_leftovers(folder)
        taken_at = self.clock.now()
        final = folder / rotation.file_name(
            self.identity.commune_code, self.identity.desk_no, taken_at, encrypted=key is not None
        )
        part = final.with_name(final.name + ".part")
        temp = self.store.path.with_name(f"{self.store.path.name}.backup-{os.getpid()}.tmp")
        try:
            counts = files.snapshot(self.store.conn, temp)
            files.verify(temp, counts)
            checked = os.stat(temp)
            if key is None:
                os.replace(temp, part)  # the same disk (checked above): a rename
            else:
                files.private_file(part)
                with open(part, "r+b") as out:
                    info = {
                        "commune": self.identity.commune_code,
                        "desk": self.identity.desk_no,
                        "taken_at": iso(taken_at),
                    }
                    digest = crypto.encrypt_file(temp, out, key, info)
                    out.flush()
                    os.fsync(out.fileno())
            os.replace(part, final)
            _fsync_dir(folder)
            if key is None:
                # Renamed on the same disk: the very file just checked (a second quick_check of a
                # gigabyte-sized store re-read every page for nothing); that it is that file is checked.
                landed = os.stat(final)
                if (landed.st_ino, landed.st_size) != (checked.st_ino, checked.st_size):
                    raise files.CopyDamaged(f"{final} is not the copy just checked")
            elif crypto.decrypt_file(final, None, None, key) != digest:
                raise BackupProblem(
                    "Bản sao lưu vừa ghi đọc lại không khớp.", "The backup just written does not read back the same."
                )
        except files.CopyDamaged as exc:
            raise BackupProblem(
                "Bản sao lưu kiểm tra không đạt; dữ liệu đang dùng không bị ảnh hưởng, hãy thử lại.",
                "The backup failed its check; the store in use is unaffected; try again.",
            ) from exc
        finally:
            temp.unlink(missing_ok=True)
            part.unlink(missing_ok=True)
        self.store.rotate_open_nonce()  # the copy carries the old nonce: restored, it starts a new history
        removed = self.rotate(folder)
        return BackupResult(
            final, taken_at, final.stat().st_size, key is not None, counts, _time.monotonic() - started, removed
        )

    def backups(self, folder: Path | None = None) -> list[rotation.BackupFile]:
        folder = folder or self.folder
        if folder is None or not folder.is_dir():
            return []
        found = (rotation.parse(p, self.identity.commune_code, self.identity.desk_no) for p in folder.iterdir())
        return sorted((f for f in found if f is not None), key=lambda f: f.taken_at, reverse=True)

    def rotate(self, folder: Path) -> tuple[Path, ...]:
        listed = self.backups(folder)
        keep = rotation.to_keep(listed)
        removed = tuple(f.path for f in listed if f.path not in keep)
        for path in removed:
            path.unlink(missing_ok=True)
        return removed

    def _clean_leftovers(self, folder: Path) -> None:
        """What a backup killed half-way left: never a finished backup, only ``.part`` and temp files."""
        prefix = f"motcua-{self.identity.commune_code}-{self.identity.desk_no:02d}-"
        for path in folder.glob(prefix + "*.part"):
            path.unlink(missing_ok=True)
        for path in self.store.path.parent.glob(f"{self.store.path.name}.backup-*.tmp"):
            pid = path.name.rsplit("-", 1)[-1].removesuffix(".tmp")
            if pid.isdigit() and not _alive(int(pid)):
                path.unlink(missing_ok=True)

    # Restoring

    def stage_restore(self, clerk: Clerk, backup: Path, passphrase: str | None) -> Path:
        """Check a backup and put it where the store is swapped for it at the next opening
        (db.backup.apply_pending_restore); the store in use is untouched until then."""
        _require_admin(clerk)
        if self.store.path is None:
            raise BackupProblem(
                "Kho dữ liệu trong bộ nhớ không khôi phục được.", "An in-memory store cannot be restored."
            )
        return stage_restore_file(self.store.path, backup, passphrase)


def stage_restore_file(store_path: Path, backup: Path, passphrase: str | None) -> Path:
    pending = files.pending_restore(store_path)
    try:
        encrypted = crypto.is_encrypted(backup)
    except OSError as exc:
        raise BackupProblem(f"Không đọc được tệp {backup}.", f"Cannot read the file {backup}.", field="file") from exc
    files.private_file(pending)
    try:
        if encrypted:
            with open(pending, "wb") as out:
                crypto.decrypt_file(backup, passphrase, out)
        else:
            with open(backup, "rb") as source, open(pending, "wb") as out:
                while chunk := source.read(crypto.CHUNK):
                    out.write(chunk)
        files.verify(pending)
    except files.CopyDamaged as exc:
        pending.unlink(missing_ok=True)
        raise crypto.NotABackup(backup) from exc
    except BaseException:
        pending.unlink(missing_ok=True)
        raise
    return pending


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
