"""Each commune's public disclosure board, served by the hub to anyone (no login, no personal data).

Only what the commune posted is shown: titles, texts and dates that a desk's disclosure module wrote
for the public (checked at the hub's door, app.province.ingest). Laid out for a phone first: one
column, large type, no table wider than the screen.
"""

from __future__ import annotations

from datetime import date, datetime
from html import escape

from app.core.worktime import VN_TZ
from app.province.errors import HubError
from db.hub.store import HubStore

SECTIONS = (
    ("procedure", "Thủ tục hành chính, thời hạn và phí, lệ phí"),
    ("schedule", "Lịch tiếp công dân"),
    ("other", "Thông tin công khai khác"),
)


def _day(value: str) -> str:
    return date.fromisoformat(value).strftime("%d/%m/%Y")


def page(hub: HubStore, code: str, today: date | None = None) -> str:
    commune = hub.commune(code) if len(code) <= 16 else None
    if commune is None:
        raise HubError(404, "unknown_commune")
    today = today or datetime.now(VN_TZ).date()
    items = [
        i for i in hub.disclosures(code) if i["taken_down_on"] is None or date.fromisoformat(i["taken_down_on"]) > today
    ]
    parts: list[str] = []
    links: list[str] = []
    for kind, heading in SECTIONS:
        mine = [i for i in items if i["kind"] == kind and date.fromisoformat(i["posted_on"]) <= today]
        if not mine:
            continue
        entries = []
        for i in mine:
            if i["until"] is None:
                when = f"Niêm yết từ {_day(i['posted_on'])}, thường xuyên"
            elif date.fromisoformat(i["until"]) < today:
                when = f"Niêm yết từ {_day(i['posted_on'])}; đã đủ thời hạn niêm yết ({_day(i['until'])})"
            else:
                when = f"Niêm yết từ {_day(i['posted_on'])} đến {_day(i['until'])}"
            body = "<br>".join(escape(line) for line in i["body"].splitlines())
            entries.append(f"<li><h3>{escape(i['title'])}</h3><p>{body}</p><p class=when>{escape(when)}</p></li>")
        parts.append(f"<section id={kind}><h2>{escape(heading)}</h2><ul>{''.join(entries)}</ul></section>")
        links.append(f"<a href='#{kind}'>{escape(heading)} ({len(mine)})</a>")
    content = "\n".join(parts) or "<p>Chưa có thông tin công khai.</p>"
    nav = f"<nav>{''.join(links)}</nav>" if len(links) > 1 else ""
    raw = commune["name"]
    name = escape(raw[:1].lower() + raw[1:] if raw[:3].lower() in ("xã ", "phư") else raw)
    province = escape(commune["province"] or "")
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Công khai thông tin — {name}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ font-family: "Liberation Serif", "Times New Roman", serif; margin: 0; color: #1d2733; font-size: 18px;
       line-height: 1.45; background: #f6f7f9; }}
header {{ background: #a4262c; color: #fff; padding: 1rem; }}
header h1 {{ font-size: 1.3rem; margin: 0; }} header p {{ margin: .2rem 0 0; }}
main {{ padding: .5rem 1rem 2rem; max-width: 48rem; margin: auto; }}
h2 {{ font-size: 1.1rem; border-bottom: 2px solid #a4262c; padding-bottom: .2rem; margin-top: 1.5rem; }}
ul {{ list-style: none; padding: 0; margin: 0; }}
li {{ background: #fff; border: 1px solid #d5dbe1; border-radius: 6px; padding: .6rem .8rem; margin: .6rem 0; }}
h3 {{ font-size: 1rem; margin: 0 0 .3rem; }} p {{ margin: .2rem 0; overflow-wrap: anywhere; }}
nav a {{ display: block; padding: .5rem 0; color: #a4262c; font-weight: bold; }}
.when {{ color: #56606b; font-size: .9rem; font-style: italic; }}
</style></head><body>
<header><h1>Ủy ban nhân dân {name}</h1><p>{province}</p><p>Bảng niêm yết công khai</p></header>
<main>
{nav}
{content}
<p class=when>Cập nhật ngày {today:%d/%m/%Y}.</p>
</main></body></html>
"""
