"""The store's failures in a clerk's words: each named cause from ``db.errors`` mapped once, here.

``project_error`` is the one place a database error becomes a ``MotcuaError``; the window's loader and
action boundary, and the CLI, call it and show the sentence. Each class fixes its own words.
"""

from __future__ import annotations

import sqlite3

from app.core.errors import MotcuaError
from db import errors as db_errors


class StoreProblem(MotcuaError):
    """The store cannot be used as it is; the window offers another file, a backup, or quitting."""


class StoreTooNew(StoreProblem):
    def __init__(self, version: int, known: int) -> None:
        super().__init__(
            f"Kho dữ liệu này do phiên bản MotCua mới hơn tạo (phiên bản dữ liệu {version}, chương trình này "
            f"chỉ biết đến {known}); hãy cài phiên bản mới hoặc chọn tệp khác.",
            f"This store was made by a newer MotCua (data version {version}, this program knows up to "
            f"{known}); install the newer version or choose another file.",
        )


class StoreNotWritable(StoreProblem):
    def __init__(self) -> None:
        super().__init__(
            "Không ghi được vào kho dữ liệu: tệp hoặc thư mục của nó chỉ cho đọc; "
            "hãy cấp quyền ghi hoặc chọn tệp khác.",
            "The store cannot be written: its file or folder is read-only; allow writing or choose another file.",
        )


class StoreDamaged(StoreProblem):
    def __init__(self) -> None:
        super().__init__(
            "Tệp này không phải kho dữ liệu MotCua hoặc đã bị hỏng; hãy khôi phục bản sao lưu hoặc chọn tệp khác.",
            "This file is not a MotCua store or it is damaged; restore a backup or choose another file.",
        )


class StoreDiskFull(StoreProblem):
    def __init__(self) -> None:
        super().__init__(
            "Ổ đĩa đã đầy, chưa lưu được; hãy giải phóng chỗ trống trên ổ đĩa rồi thử lại.",
            "The disk is full and nothing was saved; free some space on the disk and try again.",
        )


class StoreBusyError(StoreProblem):
    def __init__(self) -> None:
        super().__init__(
            "Kho dữ liệu đang bị một chương trình khác giữ; hãy thử lại sau ít phút.",
            "Another program is holding the store; try again in a few minutes.",
        )


class StoreUnopenable(StoreProblem):
    def __init__(self) -> None:
        super().__init__(
            "Không mở được tệp kho dữ liệu (thư mục không có hoặc lỗi đọc đĩa); hãy chọn tệp khác.",
            "The store file cannot be opened (missing folder or a disk read error); choose another file.",
        )


class StoreUpgradeFailed(StoreProblem):
    def __init__(self) -> None:
        super().__init__(
            "Không nâng cấp được kho dữ liệu; kho vẫn ở phiên bản cũ. Hãy khôi phục bản sao lưu hoặc báo kỹ thuật.",
            "The store could not be upgraded and stays at its old version; restore a backup or call support.",
        )


class StoreUnexpected(StoreProblem):
    def __init__(self) -> None:
        super().__init__(
            "Không mở được kho dữ liệu vì một lỗi ngoài dự kiến; chi tiết đã được ghi lại. Hãy chọn tệp khác "
            "hoặc báo kỹ thuật.",
            "The store could not be opened because of an unexpected error, whose details were logged; choose "
            "another file or call support.",
        )


def project_error(exc: BaseException) -> MotcuaError | None:
    """``exc`` as the project's error, or None when it is not a store failure (a bug to report)."""
    if isinstance(exc, MotcuaError):
        return exc
    if isinstance(exc, sqlite3.Error):
        named = db_errors.from_sqlite(exc)
        if named is None:
            return None
        exc = named
    if isinstance(exc, db_errors.StoreNewerThanProgram):
        return StoreTooNew(exc.version, exc.known)
    for kind, project in _TABLE:
        if isinstance(exc, kind):
            return project()
    return None


# One line per named cause; StoreNewerThanProgram carries versions and is handled above.
_TABLE: tuple[tuple[type[db_errors.StoreError], type[StoreProblem]], ...] = (
    (db_errors.DiskFull, StoreDiskFull),
    (db_errors.StoreReadOnly, StoreNotWritable),
    (db_errors.StoreCorrupt, StoreDamaged),
    (db_errors.StoreBusy, StoreBusyError),
    (db_errors.StoreCannotOpen, StoreUnopenable),
    (db_errors.MigrationError, StoreUpgradeFailed),
)

# What a caller catches around a call into the store: the project's own errors and the store's.
CATCHABLE = (MotcuaError, db_errors.StoreError, sqlite3.Error)
