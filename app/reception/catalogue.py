"""The procedure catalogue: the starter list, CSV and XLSX import, export."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from app.core import paths, text, textcheck, validation
from app.core.clock import Clock, iso
from app.core.errors import NotFound, ValidationError
from app.core.worktime import LegalTime
from app.reception.records import DOCUMENT_KINDS, LEVELS, Document, Procedure

COLUMNS = ("code", "name", "field", "legal_time", "fee", "documents", "example", "level", "deciding_agency")
REQUIRED = ("code", "name", "legal_time")


class ProcedureStore(Protocol):
    """What the catalogue needs of a store; the hub, which has no desk store, uses the parsing alone."""

    def replace_procedures(self, rows: Sequence[Mapping[str, Any]]) -> None: ...
    def procedures(self, *, active_only: bool = True) -> list[dict[str, Any]]: ...
    def procedure(self, code: str) -> dict[str, Any] | None: ...


def parse_documents(value: str) -> tuple[Document, ...]:
    """``Tờ khai|original|1; CCCD|copy|2`` → documents. Kind and count may be left out."""
    docs = []
    for part in (value or "").split(";"):
        if not part.strip():
            continue
        bits = [b.strip() for b in part.split("|")]
        name = _text("document", bits[0], "Tên giấy tờ", "Document name", required=True)
        kind = bits[1] if len(bits) > 1 and bits[1] else "original"
        if kind not in DOCUMENT_KINDS:
            raise ValidationError(
                f"Loại giấy tờ «{kind}» không hợp lệ (original, certified_copy, copy).",
                f"Document kind '{kind}' is not valid (original, certified_copy, copy).",
                field="documents",
            )
        count = validation.positive_int(
            bits[2] if len(bits) > 2 and bits[2] else 1,
            field="documents",
            label_vi="Số lượng giấy tờ",
            label_en="Document count",
            maximum=99,
        )
        docs.append(Document(name, kind, count))  # type: ignore[arg-type]
    return tuple(docs)


def format_documents(docs: Iterable[Document]) -> str:
    return "; ".join(f"{d.name}|{d.kind}|{d.count}" for d in docs)


def _text(field: str, value: object, label_vi: str, label_en: str, *, required: bool = False) -> str:
    """A cell of the catalogue as the desk stores it (``textcheck``, the limit of its column)."""
    if value is not None and not isinstance(value, str):
        value = str(value)  # a spreadsheet's number or date in a text column
    return textcheck.field_text("procedure", field, value, label_vi=label_vi, label_en=label_en, required=required)


def _procedure_from_record(record: dict[str, Any], line: int) -> Procedure:
    try:
        return _procedure(record, line)
    except ValidationError as exc:
        if exc.vi.startswith("Dòng "):
            raise
        # The line it is on, before the sentence that says what is wrong.
        raise ValidationError(f"Dòng {line}: {exc.vi}", f"Line {line}: {exc.en}", field=exc.field) from None


def _procedure(record: dict[str, Any], line: int) -> Procedure:
    missing = [c for c in REQUIRED if not str(record.get(c) or "").strip()]
    if missing:
        raise ValidationError(
            f"Dòng {line}: thiếu cột «{missing[0]}».",
            f"Line {line}: the column '{missing[0]}' is empty.",
            field=missing[0],
        )
    code = _text("code", record["code"], "Mã thủ tục", "The procedure code", required=True)
    legal = LegalTime.parse(str(record["legal_time"]).strip())
    level = str(record.get("level") or "commune").strip().lower()
    if level not in LEVELS:
        raise ValidationError(
            f"Dòng {line}: cấp giải quyết «{level}» không hợp lệ (commune, province, vertical).",
            f"Line {line}: level '{level}' is not valid (commune, province, vertical).",
            field="level",
        )
    deciding = _text("deciding_agency", record.get("deciding_agency"), "Cơ quan giải quyết", "The deciding agency")
    if level != "commune" and not deciding:
        raise ValidationError(
            f"Dòng {line}: thủ tục không thuộc cấp xã phải ghi cơ quan giải quyết.",
            f"Line {line}: a procedure above the commune must name the agency that decides it.",
            field="deciding_agency",
        )
    return Procedure(
        code=code,
        name=_text("name", record["name"], "Tên thủ tục", "The procedure name", required=True),
        legal_time=str(legal),
        field=_text("field", record.get("field"), "Lĩnh vực", "The field"),
        fee=_text("fee", record.get("fee"), "Lệ phí", "The fee"),
        documents=parse_documents(str(record.get("documents") or "")),
        example=str(record.get("example") or "0").strip().lower() in {"1", "true", "yes", "x"},
        level=level,
        deciding_agency=deciding if level != "commune" else "",
    )


def read_file(path: str | Path) -> list[Procedure]:
    path = Path(path)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        records = _read_xlsx(path)
    elif path.suffix.lower() == ".csv":
        try:
            records = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        except UnicodeDecodeError:
            raise ValidationError(
                "Tệp CSV không phải văn bản UTF-8; hãy lưu lại với bảng mã UTF-8.",
                "The CSV file is not UTF-8 text; save it again as UTF-8.",
                field="file",
            ) from None
    else:
        raise ValidationError(
            "Chỉ nhập được tệp CSV hoặc XLSX.", "Only CSV or XLSX files can be imported.", field="file"
        )
    if records and not set(REQUIRED) <= set(records[0]):
        raise ValidationError(
            "Tệp danh mục phải có các cột code, name, legal_time.",
            "A catalogue file must have the columns code, name, legal_time.",
            field="file",
        )
    procedures = [_procedure_from_record(r, i + 2) for i, r in enumerate(records)]
    codes = [p.code for p in procedures]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        raise ValidationError(f"Mã thủ tục {dupes[0]} bị lặp.", f"Procedure code {dupes[0]} is repeated.", field="code")
    if not procedures:
        raise ValidationError(
            "Tệp danh mục không có thủ tục nào.", "The catalogue file has no procedures.", field="file"
        )
    return procedures


def _read_xlsx(path: Path) -> list[dict[str, Any]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            rows = book.worksheets[0].iter_rows(values_only=True)
            header = [str(h or "").strip() for h in next(rows, ())]
            records = []
            for values in rows:
                if values is None or all(v in (None, "") for v in values):
                    continue
                records.append({h: ("" if v is None else v) for h, v in zip(header, values, strict=False) if h})
        finally:
            book.close()
    except Exception:  # openpyxl raises many kinds (zip, XML, a character XML cannot hold) for a broken file
        raise ValidationError(
            "Không đọc được tệp XLSX; hãy mở và lưu lại bằng Excel.",
            "The XLSX file cannot be read; open it and save it again in Excel.",
            field="file",
        ) from None
    return records


def starter() -> list[Procedure]:
    return read_file(paths.resource("catalogue.csv"))


def _row(proc: Procedure, now: str) -> dict[str, Any]:
    return {
        "code": proc.code,
        "name": proc.name,
        "field": proc.field,
        "legal_time": proc.legal_time,
        "fee": proc.fee,
        "documents": json.dumps([d.to_dict() for d in proc.documents], ensure_ascii=False),
        "example": int(proc.example),
        "level": proc.level,
        "deciding_agency": proc.deciding_agency,
        "search_text": text.fold(f"{proc.code} {proc.name} {proc.field}"),
        "updated_at": now,
    }


def replace(store: ProcedureStore, procedures: Iterable[Procedure], clock: Clock) -> int:
    now = iso(clock.now())
    rows = [_row(p, now) for p in procedures]
    store.replace_procedures(rows)
    return len(rows)


def import_file(store: ProcedureStore, path: str | Path, clock: Clock) -> int:
    return replace(store, read_file(path), clock)


def from_row(row: dict[str, Any]) -> Procedure:
    docs = tuple(Document(d["name"], d["kind"], int(d["count"])) for d in json.loads(row["documents"]))
    return Procedure(
        code=row["code"],
        name=row["name"],
        legal_time=row["legal_time"],
        field=row["field"],
        fee=row["fee"],
        documents=docs,
        example=bool(row["example"]),
        level=row.get("level") or "commune",
        deciding_agency=row.get("deciding_agency") or "",
    )


def procedures(store: ProcedureStore) -> list[Procedure]:
    return [from_row(r) for r in store.procedures()]


def get(store: ProcedureStore, code: str) -> Procedure:
    row = store.procedure(code)
    if row is None or not row["active"]:
        raise NotFound(
            f"Không có thủ tục mã «{validation.excerpt(code)}» trong danh mục.",
            f"There is no procedure with code '{validation.excerpt(code)}' in the catalogue.",
            field="procedure",
        )
    return from_row(row)


def filter_procedures(items: Iterable[Procedure], query: str) -> list[Procedure]:
    """Accent-insensitive filter for the procedure picker: every typed word must prefix a word."""
    tokens = text.search_tokens(query)
    if not tokens:
        return list(items)
    result = []
    for proc in items:
        words = text.search_tokens(f"{proc.code} {proc.name} {proc.field}")
        if all(any(w.startswith(t) for w in words) for t in tokens):
            result.append(proc)
    return result


def to_csv(items: Iterable[Procedure]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for p in items:
        writer.writerow(
            [
                p.code,
                p.name,
                p.field,
                p.legal_time,
                p.fee,
                format_documents(p.documents),
                int(p.example),
                p.level,
                p.deciding_agency,
            ]
        )
    return out.getvalue()


def to_json(items: Iterable[Procedure]) -> list[dict[str, Any]]:
    return [
        {
            "code": p.code,
            "name": p.name,
            "field": p.field,
            "legal_time": p.legal_time,
            "fee": p.fee,
            "documents": [d.to_dict() for d in p.documents],
            "example": p.example,
            "level": p.level,
            "deciding_agency": p.deciding_agency,
        }
        for p in items
    ]
