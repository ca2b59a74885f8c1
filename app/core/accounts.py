"""Desk identity (commune, desk number, keys) and clerk accounts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core import keys, passwords, validation
from app.core.clock import Clock, iso
from app.core.errors import AlreadyInitialised, AuthenticationFailed, NotInitialised, PermissionDenied, ValidationError
from app.core.records import ROLES, Clerk, DeskIdentity
from db.account_store import AccountStore
from db.ids import new_id
from db.store import Store

MIN_PASSWORD = passwords.MIN_PASSWORD


@dataclass(frozen=True)
class InitRequest:
    commune_code: str
    commune_name: str
    province: str
    desk_no: int
    admin_username: str
    admin_password: str
    agency_code: str | None = None
    admin_full_name: str | None = None
    agency_name: str | None = None


# Digits, or capitals and digits in dot-separated groups (QCVN 102:2016 electronic IDs); 2–20 characters.
AGENCY_CODE = r"(?=.{2,20}$)[A-Z0-9]+(\.[A-Z0-9]+)*"


def _check_init(req: InitRequest) -> InitRequest:
    validation.commune_code(req.commune_code or "")
    validation.desk_number(req.desk_no)
    agency = (req.agency_code or req.commune_code).strip().upper()
    # The agency's electronic ID (QCVN 102, e.g. H15.50.05.13) or digits; the receipt's QR writes
    # letters and dots as digits (app.printing.qr), since Unikey rewrites letters a scanner types.
    if not re.fullmatch(AGENCY_CODE, agency):
        raise ValidationError(
            "Mã cơ quan phải là mã định danh điện tử (QCVN 102, ví dụ H15.50.05.13) hoặc 2–20 chữ số.",
            "The agency code must be an electronic ID (QCVN 102, e.g. H15.50.05.13) or 2–20 digits.",
            field="agency_code",
        )
    name = validation.required_text(req.commune_name, field="commune_name", label_vi="Tên xã", label_en="Commune name")
    province = validation.required_text(req.province, field="province", label_vi="Tên tỉnh", label_en="Province name")
    passwords.check_username(req.admin_username)
    passwords.check_password(req.admin_password)
    return InitRequest(
        req.commune_code,
        name,
        province,
        req.desk_no,
        req.admin_username,
        req.admin_password,
        agency,
        req.admin_full_name,
        req.agency_name,
    )


def initialise(store: Store, req: InitRequest, clock: Clock) -> DeskIdentity:
    """Create the desk identity, its database id and key pair, and the first admin."""
    if store.get_meta("desk_id"):
        raise AlreadyInitialised("Kho dữ liệu này đã được khởi tạo.", "This store is already initialised.")
    req = _check_init(req)
    desk_id = new_id()
    public = keys.generate(desk_id)
    now = iso(clock.now())
    with store.transaction():
        store.set_meta(
            {
                "desk_id": desk_id,
                "commune_code": req.commune_code,
                "commune_name": req.commune_name,
                "province": req.province,
                "agency_code": req.agency_code or req.commune_code,
                "agency_name": req.agency_name or f"UBND {req.commune_name}",
                "desk_no": str(req.desk_no),
                "public_key": public,
                "created_at": now,
            }
        )
        store.new_db_id("initialised")
        AccountStore(store).upsert_desk_key(
            {
                "desk_id": desk_id,
                "commune_code": req.commune_code,
                "desk_no": req.desk_no,
                "public_key": public,
                "revoked": 0,
                "updated_at": now,
            }
        )
        _insert_clerk(
            store,
            username=req.admin_username,
            full_name=req.admin_full_name or req.admin_username,
            role="admin",
            password=req.admin_password,
            desk_id=desk_id,
            now=now,
            created_by=None,
        )
    return identity(store)


def identity(store: Store) -> DeskIdentity:
    meta = store.all_meta()
    if "desk_id" not in meta:
        raise NotInitialised(
            "Kho dữ liệu chưa được khởi tạo; hãy chạy «motcua init».",
            "The store is not initialised; run 'motcua init'.",
        )
    return DeskIdentity(
        desk_id=meta["desk_id"],
        db_id=meta["db_id"],
        commune_code=meta["commune_code"],
        commune_name=meta["commune_name"],
        province=meta["province"],
        agency_code=meta["agency_code"],
        desk_no=int(meta["desk_no"]),
        public_key=meta["public_key"],
        agency_name=meta.get("agency_name", ""),
    )


def _insert_clerk(
    store: Store,
    *,
    username: str,
    full_name: str,
    role: str,
    password: str,
    desk_id: str,
    now: str,
    created_by: str | None,
) -> str:
    clerk_id = new_id()
    AccountStore(store).insert_clerk(
        {
            "id": clerk_id,
            "username": username,
            "full_name": full_name,
            "role": role,
            "password_hash": passwords.hash_password(password),
            "active": 1,
            "created_at": now,
            "updated_at": now,
            "created_by": created_by,
            "desk_id": desk_id,
        }
    )
    return clerk_id


def _clerk(row: dict) -> Clerk:
    return Clerk(
        id=row["id"], username=row["username"], full_name=row["full_name"], role=row["role"], active=bool(row["active"])
    )


def add_clerk(
    store: Store, by: Clerk, *, username: str, full_name: str, role: str, password: str, clock: Clock
) -> Clerk:
    if not by.can("admin"):
        raise PermissionDenied("Chỉ quản trị viên được thêm cán bộ.", "Only an administrator may add clerks.")
    passwords.check_username(username)
    passwords.check_password(password)
    validation.choice(role, ROLES, field="role", label_vi="Vai trò", label_en="Role")
    full_name = validation.full_name(full_name)
    if AccountStore(store).clerk_by_username(username):
        raise ValidationError("Tên đăng nhập này đã có người dùng.", "This user name is taken.", field="username")
    desk = identity(store)
    with store.transaction():
        clerk_id = _insert_clerk(
            store,
            username=username,
            full_name=full_name,
            role=role,
            password=password,
            desk_id=desk.desk_id,
            now=iso(clock.now()),
            created_by=by.id,
        )
    return _clerk(AccountStore(store).clerk_by_id(clerk_id))


def authenticate(store: Store, username: str, password: str) -> Clerk:
    row = AccountStore(store).clerk_by_username((username or "").strip())
    failed = AuthenticationFailed("Sai tên đăng nhập hoặc mật khẩu.", "Wrong user name or password.")
    if row is None or not row["active"]:
        raise failed
    if not passwords.verify(row["password_hash"], password):
        raise failed
    if passwords.needs_rehash(row["password_hash"]):
        with store.transaction():
            AccountStore(store).update_clerk(row["id"], {"password_hash": passwords.hash_password(password)})
    return _clerk(row)


def clerk_by_username(store: Store, username: str) -> Clerk | None:
    row = AccountStore(store).clerk_by_username(username)
    return _clerk(row) if row else None


def clerk_by_id(store: Store, clerk_id: str) -> Clerk | None:
    row = AccountStore(store).clerk_by_id(clerk_id)
    return _clerk(row) if row else None


def first_admin(store: Store) -> Clerk:
    row = AccountStore(store).first_admin()
    if row is None:
        raise NotInitialised("Chưa có quản trị viên nào.", "There is no administrator yet.")
    return _clerk(row)


def clerks(store: Store) -> list[Clerk]:
    return [_clerk(r) for r in AccountStore(store).clerks()]
