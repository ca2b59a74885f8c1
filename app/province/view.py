"""What the province sees: per commune, its desks, last sync, dossiers received / on time / late, satisfaction."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

from app.core.worktime import VN_TZ
from db.hub.store import HubStore


def stats(hub: HubStore) -> dict[str, Any]:
    """The ``motcua-province stats --json`` document (shared/CLI.md)."""
    out = []
    for row in hub.commune_stats():
        out.append(
            {
                "code": row["code"],
                "name": row["name"],
                "province": row["province"],
                "desks": row["desks"],
                "dossiers": row["dossiers"],
                "events": row["events"],
                "feedback": row["feedback"],
                "ratings": row["ratings"],
                "last_sync": row["last_sync"],
                "early": row["early"],
                "on_time": row["on_time"],
                "late": row["late"],
                "clashes": row["clashes"],  # open: two desks' outcomes differ and no leader has settled it
                "satisfied": row["satisfied"],
            }
        )
    return {"communes": out}


def _local(stamp: str | None) -> str:
    if not stamp:
        return "chưa đồng bộ"
    try:
        return datetime.fromisoformat(stamp).astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")
    except ValueError:
        return stamp


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "—"


def page(hub: HubStore) -> str:
    communes = stats(hub)["communes"]
    desks: dict[str, list[dict[str, Any]]] = {}
    for d in hub.desks():
        desks.setdefault(d["commune_code"], []).append(d)
    rows = []
    for c in communes:
        finished = c["early"] + c["on_time"] + c["late"]
        desk_list = (
            "<br>".join(
                f"Quầy {d['desk_no']}: {escape(_local(d['last_sync']))}"
                + (" <span class=revoked>(đã thu hồi)</span>" if d["revoked_at"] else "")
                for d in desks.get(c["code"], [])
            )
            or "—"
        )
        rows.append(
            "<tr>"
            f"<td>{escape(c['code'])}</td><td>{escape(c['name'])}</td><td>{desk_list}</td>"
            f"<td>{escape(_local(c['last_sync']))}</td><td class=n>{c['dossiers']}</td>"
            f"<td class=n>{c['early'] + c['on_time']}</td><td class=n>{c['late']}</td>"
            f"<td class=n>{_percent(c['early'] + c['on_time'], finished)}</td>"
            f"<td class=n>{c['ratings']}</td><td class=n>{_percent(c['satisfied'], c['ratings'])}</td>"
            "</tr>"
        )
    updated = _local(datetime.now(VN_TZ).isoformat())
    body = "\n".join(rows) or "<tr><td colspan=10>Chưa có xã nào.</td></tr>"
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Tình hình Bộ phận Một cửa các xã</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ font-family: "DejaVu Sans", sans-serif; margin: 1.5rem; color: #1d2733; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid #c9d1da; padding: .4rem .6rem; vertical-align: top; text-align: left; }}
th {{ background: #eef2f6; }} td.n {{ text-align: right; }} .revoked {{ color: #a4262c; }}
</style></head><body>
<h1>Tình hình Bộ phận Một cửa các xã</h1>
<p>Số liệu do các quầy gửi về. Đúng hạn tính như chỉ số 2.1 của Quyết định 766 (gồm cả trước hạn; hồ sơ đã kết thúc:
có kết quả, trả, dừng, từ chối, rút, hoặc chờ bổ sung lần đầu). Cập nhật lúc {escape(updated)}.</p>
<table><thead><tr><th>Mã xã</th><th>Tên xã</th><th>Quầy (lần đồng bộ cuối)</th><th>Đồng bộ gần nhất</th>
<th>Hồ sơ đã nhận</th><th>Đúng, trước hạn</th><th>Trễ hạn</th><th>Tỷ lệ đúng hạn</th><th>Lượt đánh giá</th>
<th>Hài lòng</th></tr></thead>
<tbody>
{body}
</tbody></table></body></html>
"""
