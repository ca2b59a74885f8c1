"""The province's dashboard (``/province``): every commune's Decision 766 scorecard for a period.

Figures come from the one engine (app.scorecard, through app.province.scorecard_source) over what the
desks sent; this module only lays them out: totals, communes by score with the points each indicator
cost, overdue dossiers, satisfaction, each desk's last sync, and two SVG charts. Vietnamese first,
English with ``lang=en``. Everything a desk or an officer typed is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from typing import Any
from urllib.parse import urlencode

from app.core.worktime import VN_TZ
from app.province import charts
from app.scorecard.periods import KIND_NAMES, KINDS
from app.scorecard.records import IndicatorResult, Scorecard

STALE_DAYS = 2  # a desk not heard from for longer is shown in red

WORDS: dict[str, tuple[str, str]] = {
    "title": ("Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766)", "Citizen service scorecard (Decision 766)"),
    "province": ("Tỉnh", "Province"),
    "signed_in": ("Đăng nhập:", "Signed in:"),
    "sign_out": ("Đăng xuất", "Sign out"),
    "period": ("Kỳ", "Period"),
    "year": ("Năm", "Year"),
    "number": ("Tháng/Quý", "Month/Quarter"),
    "from": ("Từ ngày", "From"),
    "to": ("Đến ngày", "To"),
    "show": ("Xem", "Show"),
    "excel": ("Tải Excel", "Download Excel"),
    "as_of": ("Số liệu tính đến", "Figures as of"),
    "communes": ("Số xã", "Communes"),
    "received": ("Tiếp nhận", "Received"),
    "ended": ("Đã giải quyết", "Ended"),
    "on_time_share": ("Đúng hạn (2.1)", "On time (2.1)"),
    "overdue": ("Đang quá hạn", "Overdue now"),
    "satisfaction": ("Hài lòng", "Satisfied"),
    "average": ("Điểm bình quân", "Average score"),
    "rank": ("Hạng", "Rank"),
    "code": ("Mã xã", "Code"),
    "name": ("Tên xã", "Commune"),
    "score": ("Điểm / tối đa", "Points / reachable"),
    "lost": ("Điểm bị mất theo chỉ số", "Points lost per indicator"),
    "last_sync": ("Đồng bộ gần nhất", "Last sync"),
    "whole": ("Toàn tỉnh", "Province"),
    "none": ("Chưa có xã nào.", "No commune yet."),
    "never": ("chưa đồng bộ", "never synced"),
    "desk": ("Quầy", "Desk"),
    "revoked": ("đã thu hồi", "revoked"),
    "chart_scores": ("Điểm của các xã (nền xám: điểm tối đa dữ liệu quyết định)", "Communes' points (grey: reachable)"),
    "chart_months": ("Hồ sơ theo tháng (toàn tỉnh)", "Dossiers by month (province)"),
    "legend": ("Tiếp nhận|Trước hạn, đúng hạn|Quá hạn", "Received|Early or on time|Late"),
    "indicators": ("Các chỉ số toàn tỉnh", "The province's indicators"),
    "indicator": ("Chỉ số", "Indicator"),
    "value": ("Tỷ lệ", "Share"),
    "points": ("Điểm", "Points"),
    "max": ("Tối đa", "Maximum"),
    "losing": ("Số xã bị mất điểm", "Communes losing points"),
    "no_data": ("chưa có dữ liệu", "no data"),
    "empty": ("không phát sinh", "nothing to measure"),
    "note": (
        "Điểm là tổng điểm các chỉ số mà dữ liệu của quầy quyết định được, đặt cạnh số điểm tối đa của chính "
        "các chỉ số đó; «—»: chưa có dữ liệu. Điểm từng chỉ số là giả định chia đều điểm nhóm (xem cấu hình).",
        "Points are the sum over the indicators the desks' records decide, beside the most those indicators give; "
        "'—': no data. Per-indicator points are assumed (a group's points shared equally; see the configuration).",
    ),
}


def word(key: str, lang: str) -> str:
    vi, en = WORDS[key]
    return en if lang == "en" else vi


@dataclass(frozen=True)
class Choice:
    """The period the officer picked, as the form shows it back."""

    kind: str
    year: int
    number: int
    start: date
    end: date

    def query(self, lang: str, **extra: str) -> str:
        params = {"period": self.kind, "year": str(self.year), "n": str(self.number), "lang": lang, **extra}
        if self.kind == "custom":
            params.update({"from": self.start.isoformat(), "to": self.end.isoformat()})
        return urlencode(params)


def _local(stamp: str | None, lang: str) -> str:
    if not stamp:
        return word("never", lang)
    try:
        return datetime.fromisoformat(stamp).astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")
    except ValueError:
        return stamp


def _share(part: int | None, whole: int | None) -> str:
    return f"{100 * (part or 0) / whole:.1f} %" if whole else "—"


def _points(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


def _on_time(card: Scorecard) -> str:
    """Indicator 2.1's share: ended early or on time among the ended and the running late."""
    value = card.indicator("2.1").value
    return "—" if value is None else f"{100 * value:.1f} %"


def _lost_cell(result: IndicatorResult, lang: str) -> str:
    if result.status != "ok":
        title = word("no_data" if result.status == "no_data" else "empty", lang)
        return f'<td class="n muted" title="{escape(title)}">—</td>'
    lost = result.points_lost or 0
    return f'<td class="n{" bad" if lost > 0 else ""}">{_points(lost)}</td>'


def _desks(rows: Sequence[Mapping[str, Any]], now: datetime, lang: str) -> str:
    items = []
    for d in rows:
        stale = True
        if d.get("last_sync"):
            try:
                stale = (now - datetime.fromisoformat(d["last_sync"])).days >= STALE_DAYS
            except ValueError:
                stale = True
        mark = f" ({word('revoked', lang)})" if d.get("revoked_at") else ""
        items.append(
            f'<span class="{"stale" if stale else "fresh"}">{word("desk", lang)} {int(d["desk_no"])}: '
            f"{escape(_local(d.get('last_sync'), lang))}{escape(mark)}</span>"
        )
    return "<br>".join(items) or "—"


def _row(rank: str, card: Scorecard, desks: str, lang: str, cls: str = "") -> str:
    c = card.counts
    lost = "".join(_lost_cell(i, lang) for i in card.indicators)
    return (
        f'<tr class="{cls}"><td class="n">{rank}</td><td>{escape(card.unit.code)}</td><td>{escape(card.unit.name)}</td>'
        f'<td class="n score"><b>{_points(card.score)}</b> / {_points(card.reachable)}</td>{lost}'
        f'<td class="n">{c["received"]:,}</td><td class="n">{c["ended"]:,}</td>'
        f'<td class="n">{_on_time(card)}</td>'
        f'<td class="n{" bad" if c["overdue_now"] else ""}">{c["overdue_now"]:,}</td>'
        f'<td class="n">{_share(c["satisfied"], c["ratings"])}</td><td class="sync">{desks}</td></tr>'
    )


def _form(choice: Choice, lang: str) -> str:
    kinds = "".join(
        f'<option value="{k}"{" selected" if k == choice.kind else ""}>{KIND_NAMES[k][lang == "en"]}</option>'
        for k in KINDS
    )
    numbers = "".join(
        f'<option value="{n}"{" selected" if n == choice.number else ""}>{n}</option>' for n in range(1, 13)
    )
    return (
        '<form class="period" method="get" action="/province">'
        f'<label>{word("period", lang)} <select name="period">{kinds}</select></label>'
        f'<label>{word("number", lang)} <select name="n">{numbers}</select></label>'
        f'<label>{word("year", lang)} <input name="year" type="number" min="2000" max="2100" '
        f'value="{choice.year}"></label>'
        f'<label>{word("from", lang)} <input name="from" type="date" value="{choice.start.isoformat()}"></label>'
        f'<label>{word("to", lang)} <input name="to" type="date" value="{choice.end.isoformat()}"></label>'
        f'<input type="hidden" name="lang" value="{lang}"><button type="submit">{word("show", lang)}</button>'
        f'<a class="button" href="/province/export.xlsx?{escape(choice.query(lang))}">{word("excel", lang)}</a>'
        "</form>"
    )


def _indicator_table(province: Scorecard, cards: Sequence[Scorecard], lang: str) -> str:
    rows = []
    for i in province.indicators:
        losing = sum(1 for c in cards if (c.indicator(i.id).points_lost or 0) > 0)
        value = "—" if i.value is None else f"{100 * i.value:.1f} %"
        rows.append(
            f'<tr><td>{escape(i.id)}</td><td>{escape(i.name(lang))}</td><td class="n">{value}</td>'
            f'<td class="n">{_points(i.points)}</td><td class="n">{_points(i.max_points)}</td>'
            f'<td class="n{" bad" if (i.points_lost or 0) > 0 else ""}">{_points(i.points_lost)}</td>'
            f'<td class="n">{losing}</td></tr>'
        )
    head = "".join(
        f"<th>{word(k, lang)}</th>" for k in ("indicator", "name", "value", "points", "max", "lost", "losing")
    ).replace(f"<th>{word('name', lang)}</th>", "<th></th>")
    return f"<table class=indicators><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def page(
    province: Scorecard,
    cards: Sequence[Scorecard],
    desks: Sequence[Mapping[str, Any]],
    choice: Choice,
    officer: str,
    now: datetime,
    lang: str = "vi",
) -> str:
    by_commune: dict[str, list[Mapping[str, Any]]] = {}
    for d in desks:
        by_commune.setdefault(d["commune_code"], []).append(d)
    p, c = province, province.counts
    ids = "".join(f'<th class="n" title="{escape(i.name(lang))}">{escape(i.id)}</th>' for i in province.indicators)
    body = (
        "\n".join(
            _row(str(n), card, _desks(by_commune.get(card.unit.code, []), now, lang), lang)
            for n, card in enumerate(cards, start=1)
        )
        or f'<tr><td colspan="{11 + len(province.indicators)}">{word("none", lang)}</td></tr>'
    )
    total = _row("", p, "", lang, "total").replace(
        f"<td>{escape(p.unit.code)}</td><td>{escape(p.unit.name)}</td>", f"<td></td><td>{word('whole', lang)}</td>", 1
    )
    average = sum(card.score for card in cards) / len(cards) if cards else None
    reach = sum(card.reachable for card in cards) / len(cards) if cards else None
    tiles = (
        (word("communes", lang), f"{len(cards)}"),
        (word("received", lang), f"{c['received']:,}"),
        (word("ended", lang), f"{c['ended']:,}"),
        (word("on_time_share", lang), _on_time(p)),
        (word("overdue", lang), f"{c['overdue_now']:,}"),
        (word("satisfaction", lang), _share(c["satisfied"], c["ratings"])),
        (word("average", lang), f"{_points(average)} / {_points(reach)}"),
    )
    tile_html = "".join(f"<div class=tile><span>{escape(k)}</span><b>{escape(v)}</b></div>" for k, v in tiles)
    bars = [
        charts.Bar(card.unit.name, card.score, card.reachable, f"{_points(card.score)} / {_points(card.reachable)}")
        for card in cards
    ]
    months = [charts.Month(f"{b.key[5:7]}/{b.key[:4]}", b.received, b.early + b.on_time, b.late) for b in p.by_month]
    month_chart = charts.month_bars(months, title=word("chart_months", lang), legend=word("legend", lang).split("|"))
    other = "en" if lang == "vi" else "vi"
    switch = f'<a href="/province?{escape(choice.query(other))}">{"English" if other == "en" else "Tiếng Việt"}</a>'
    province_name = escape(p.unit.name) or "—"
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{word("title", lang)} — {province_name}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{STYLE}</style></head><body>
<header><div><h1>{word("title", lang)}</h1><p class=province>{word("province", lang)} {province_name}</p></div>
<div class=who>{word("signed_in", lang)} <b>{escape(officer)}</b> · {switch}
<form method="post" action="/province/logout"><button type="submit">{word("sign_out", lang)}</button></form>
</div></header>
{_form(choice, lang)}
<p class=meta>{word("period", lang)}: {p.period.start:%d/%m/%Y} – {p.period.end:%d/%m/%Y} ·
{word("as_of", lang)} {p.as_of.astimezone(VN_TZ):%H:%M %d/%m/%Y}</p>
<div class=tiles>{tile_html}</div>
<div class=charts><figure>{charts.score_bars(bars, title=word("chart_scores", lang))}</figure>
<figure>{month_chart}</figure></div>
<table class=communes><thead>
<tr><th rowspan=2>{word("rank", lang)}</th><th rowspan=2>{word("code", lang)}</th>
<th rowspan=2>{word("name", lang)}</th>
<th rowspan=2>{word("score", lang)}</th><th colspan={len(province.indicators)}>{word("lost", lang)}</th>
<th rowspan=2>{word("received", lang)}</th><th rowspan=2>{word("ended", lang)}</th>
<th rowspan=2>{word("on_time_share", lang)}</th><th rowspan=2>{word("overdue", lang)}</th>
<th rowspan=2>{word("satisfaction", lang)}</th><th rowspan=2>{word("last_sync", lang)}</th></tr>
<tr>{ids}</tr></thead>
<tbody>{total}
{body}</tbody></table>
<p class=note>{word("note", lang)}</p>
<h2>{word("indicators", lang)}</h2>
{_indicator_table(province, cards, lang)}
</body></html>
"""


STYLE = """
body { font-family: "DejaVu Sans", "Noto Sans", sans-serif; margin: 1.2rem 1.5rem; color: #1d2733; font-size: 14px; }
header { display: flex; justify-content: space-between; align-items: flex-start; border-bottom: 3px solid #a4262c; }
h1 { font-size: 1.35rem; margin: 0 0 .2rem; color: #a4262c; } h2 { font-size: 1.1rem; margin-top: 1.6rem; }
.province { margin: 0 0 .5rem; font-size: 1.1rem; font-weight: bold; }
.who { text-align: right; } .who form { display: inline; } button, .button { font: inherit; padding: .25rem .7rem;
  border: 1px solid #1f5fa8; background: #1f5fa8; color: #fff; border-radius: 3px; text-decoration: none;
  cursor: pointer; }
.who button { background: #fff; color: #1f5fa8; }
form.period { display: flex; flex-wrap: wrap; gap: .8rem; align-items: end; margin: .9rem 0 .3rem; }
form.period label { display: flex; flex-direction: column; font-size: .85rem; } input, select { font: inherit; }
.meta, .note { color: #4a5664; font-size: .85rem; }
.tiles { display: flex; gap: .6rem; flex-wrap: wrap; margin: .6rem 0 1rem; }
.tile { border: 1px solid #c9d1da; border-radius: 4px; padding: .45rem .8rem; min-width: 8rem; background: #f7f9fb; }
.tile span { display: block; font-size: .8rem; color: #4a5664; } .tile b { font-size: 1.25rem; }
.charts { display: flex; gap: 1.5rem; flex-wrap: wrap; } figure { margin: 0; }
table { border-collapse: collapse; width: 100%; margin-top: .6rem; }
th, td { border: 1px solid #c9d1da; padding: .3rem .45rem; vertical-align: top; text-align: left; }
th { background: #eef2f6; font-size: .85rem; } td.n, th.n { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; background: #fdf6e3; } .bad { color: #c62828; } .muted { color: #8a96a3; }
td.score { white-space: nowrap; } td.sync { font-size: .8rem; white-space: nowrap; } .stale { color: #c62828; }
"""
