"""The Decision 766 indicators a desk's records decide, one function each.

Every formula is the one the national portal's description states ('Mô tả công thức tính chỉ số 766',
SHA-256 41A27E55…087AF; DOMAIN.md "The scorecard"); each docstring quotes its line. Shares are
between 0 and 1; points come from the dated configuration (``app.scorecard.config``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from app.scorecard.config import ScorecardConfig
from app.scorecard.digital import DigitalTally
from app.scorecard.records import DossierFacts, FeedbackFact, IndicatorResult
from app.scorecard.tally import LOST_LIST, DossierTally

NO_ATTACHMENTS = "Không có dữ liệu tệp số hóa, kết quả điện tử ở nguồn này."
NO_PAYMENTS = "Không có dữ liệu phí, lệ phí và thanh toán ở nguồn này."
TRANSFERS = "Chuyển khoản (VietQR) là thanh toán không dùng tiền mặt, đếm riêng (paid_transfer), không tính vào chỉ số."
PAPER_ASSUMED = "Thủ tục cấp xã được coi là trả kết quả bằng giấy (giả định)."
NO_PORTAL_STORE = "Bàn một cửa không nối với kho dữ liệu cá nhân trên Cổng: chỉ tính tệp được đánh dấu lấy từ đó."
NO_SYNC = "Không biết hồ sơ nào đã đồng bộ."
NO_IDENTITY = "Chưa ghi nhận cách xác thực người nộp (VNeID, CSDL dân cư)."
PORTAL_ONLY = "Lượt thích/không thích và phản ánh lặp lại trên Cổng DVCQG không có ở bàn này: tính là không có."


@dataclass(frozen=True)
class Judged:
    """A dossier of 2.1's population, as judged at the end of the period (or now)."""

    facts: DossierFacts
    verdict: str  # early | on_time | late
    ended: bool  # ended in the period by a real end (not a pending supplement request)
    end_kind: str | None
    end_at: datetime | None
    received_in_period: bool
    waiting: bool = False  # running, waiting for the citizen's supplement

    @property
    def late(self) -> bool:
        return self.verdict == "late"


@dataclass(frozen=True)
class FeedbackJudged:
    entry: FeedbackFact
    on_time: bool
    handled: bool
    received_in_period: bool


def _result(
    config: ScorecardConfig,
    indicator_id: str,
    numerator: int | None,
    denominator: int | None,
    *,
    value: float | None = None,
    note: str = "",
    lost: Sequence[str] = (),
    no_data: str = "",
) -> IndicatorResult:
    conf = config.indicators[indicator_id]
    base = dict(
        id=indicator_id,
        name_vi=conf.vi,
        name_en=conf.en,
        max_points=conf.max_points,
        threshold=conf.threshold,
        assumption=conf.assumption,
    )
    if no_data:
        return IndicatorResult(status="no_data", value=None, points=None, note=no_data, **base)  # type: ignore[arg-type]
    if not denominator:
        # "Nếu mẫu số = 0: hiển thị 0 hoặc N/A": nothing to measure, so neither points nor a maximum.
        return IndicatorResult(
            status="empty", value=None, points=None, numerator=numerator, denominator=0, note=note, **base
        )  # type: ignore[arg-type]
    share = value if value is not None else (numerator or 0) / denominator
    share = min(1.0, max(0.0, share))
    return IndicatorResult(
        status="ok",
        value=round(share, 6),
        points=config.points(indicator_id, share),
        numerator=numerator,
        denominator=denominator,
        note=note,
        lost=tuple(lost),
        **base,
    )  # type: ignore[arg-type]


def sync_rate(config: ScorecardConfig, tally: DossierTally) -> IndicatorResult:
    """1.4 — "Số lượng hồ sơ đã đồng bộ có 'Ngày tiếp nhận' trong kỳ báo cáo / Tổng số hồ sơ được tính
    toán trong kỳ": dossiers received in the period that were synced ÷ dossiers received in the period.
    The desk knows what reached the province hub (the larger national count is the hub's to add)."""
    if tally.synced is None:
        return _result(config, "1.4", None, None, no_data=NO_SYNC)
    return _result(
        config,
        "1.4",
        tally.synced,
        tally.received_total,
        note="Đồng bộ lên Cổng tỉnh; Cổng quốc gia do tỉnh đồng bộ.",
    )


def on_time(config: ScorecardConfig, tally: DossierTally) -> IndicatorResult:
    """2.1 — "Số lượng hồ sơ đã và đang xử lý đúng hạn hoặc trong hạn trong kỳ / Tổng số hồ sơ được tiếp
    nhận, xử lý trong kỳ": early, on time and still running within their date ÷ dossiers received or
    processed in the period. The end and the verdict come from the injected on-time function."""
    return _result(
        config, "2.1", tally.population - tally.late, tally.population, lost=sorted(tally.lost_late)[:LOST_LIST]
    )


def _needs_result(d: DossierFacts) -> bool:
    return d.paper_result is not False  # unknown counts as paper: commune procedures issue papers


def online_share(config: ScorecardConfig, tally: DossierTally, sync: IndicatorResult) -> IndicatorResult:
    """3.3 — "Tổng số hồ sơ tiếp nhận trực tuyến có Ngày tiếp nhận trong kỳ / Tổng số hồ sơ tiếp nhận
    trong kỳ * Tỷ lệ đồng bộ hồ sơ": online (channel 2) dossiers received ÷ received, times the sync
    rate; an online dossier of a procedure with a paper result counts only with an electronic result
    attached (``tally.online_counted`` is None when that cannot be told). "Đạt từ 50% trở lên sẽ đạt
    điểm tối đa"."""
    if tally.online_counted is None:
        return _result(config, "3.3", None, None, no_data=NO_ATTACHMENTS)
    received = tally.received_total
    if received and sync.status != "ok":
        return _result(config, "3.3", None, None, no_data=sync.note or NO_SYNC)
    rate = sync.value if sync.value is not None else 0.0
    value = tally.online_counted / received * rate if received else None
    return _result(config, "3.3", tally.online_counted, received, value=value)


def online_counted(received: Sequence[DossierFacts], digital: DigitalTally) -> int | None:
    """3.3's numerator before the sync rate; None when an online dossier needs a result file and files
    are not recorded."""
    if digital.files:
        return digital.counts["online_counted"]
    online = [d for d in received if d.channel == "online"]
    if any(_needs_result(d) for d in online):
        return None
    return len(online)


def paid_online(config: ScorecardConfig, digital: DigitalTally) -> tuple[IndicatorResult, dict[str, int | None]]:
    """3.6 — "số lượng hồ sơ ... được thanh toán trực tuyến (1: trên cổng DVCQG, 2: qua Cổng thanh toán
    BNĐP) có Ngày bắt đầu xử lý trong kỳ / (Tổng số hồ sơ của các TTHC ... có thông tin phí, lệ phí –
    ... hồ sơ có tất cả ... 'Gia: 0')". Bank transfers by VietQR are non-cash, reported beside it."""
    if not digital.payments:
        counts: dict[str, int | None] = {"fee_dossiers": None, "paid_online": None, "paid_transfer": None}
        return _result(config, "3.6", None, None, no_data=NO_PAYMENTS), counts
    c = digital.counts
    counts = {"fee_dossiers": c["fee_due"], "paid_online": c["paid_online"], "paid_transfer": c["paid_transfer"]}
    result = _result(
        config, "3.6", c["paid_online"], c["fee_due"], lost=digital.lost.get("paid_online", ()), note=TRANSFERS
    )
    return result, counts


def digitisation(config: ScorecardConfig, digital: DigitalTally) -> tuple[IndicatorResult, ...]:
    """4.1 — "hồ sơ ... có link file kết quả giải quyết đính kèm và TTHC đó yêu cầu trả kết quả bằng văn
    bản, giấy tờ / hồ sơ của các TTHC có yêu cầu trả kết quả bằng văn bản, giấy tờ".
    4.2 — "(1) số hoá hồ sơ = Có file đính kèm trong thành phần hồ sơ, (2) Có file đính kèm trong kết quả
    xử lý" (the latter for paper-result procedures) ÷ dossiers; full points at 80 %. A document counts as
    digitised with a file or a recorded Art. 5 exemption (app.scorecard.digital).
    4.3 — "ít nhất 1 thành phần hồ sơ được đánh dấu tái sử dụng dữ liệu số hóa" ÷ dossiers received in the
    period; full points at 80 %.
    4.4 — "ít nhất 1 file đính kèm trong thành phần hồ sơ được đánh dấu lấy từ kho dữ liệu cá nhân hoặc
    đồng bộ links kết quả giải quyết điện tử lên danh mục" ÷ dossiers received in the period."""
    if not digital.files:
        return tuple(_result(config, i, None, None, no_data=NO_ATTACHMENTS) for i in ("4.1", "4.2", "4.3", "4.4"))
    c = digital.counts
    assumed = "" if digital.paper_known else PAPER_ASSUMED
    return (
        _result(config, "4.1", c["paper_result"], c["paper"], lost=digital.lost["paper_result"], note=assumed),
        _result(config, "4.2", c["parts"], digital.received, lost=digital.lost["parts"], note=assumed),
        _result(config, "4.3", c["reused"], digital.received, lost=digital.lost["reused"]),
        _result(config, "4.4", c["linked"], digital.received, lost=digital.lost["linked"], note=NO_PORTAL_STORE),
    )


def population_data(config: ScorecardConfig, tally: DossierTally) -> IndicatorResult:
    """4.5 — "Tổng số hồ sơ đồng bộ có 'taikhoanduocxacthucvoiVNeID' hoặc 'DuoclaytukhoDMQG', 'MaCSDL' của
    CSDL Dân cư / Tổng số hồ sơ TTHC": dossiers whose applicant was checked with VNeID or whose data came
    from the population database ÷ dossiers received in the period (the dossier share of 4.5)."""
    if tally.identity_checked is None:
        return _result(config, "4.5", None, None, no_data=NO_IDENTITY)
    return _result(config, "4.5", tally.identity_checked, tally.received_total)


def feedback_on_time(config: ScorecardConfig, judged: Sequence[FeedbackJudged]) -> IndicatorResult:
    """5.2 — feedback (PAKN) received or handled in the period handled on time: "Ngày từ chối <= Ngày gửi
    PAKN + 2 ngày làm việc", "Ngày yêu cầu bổ sung đầu tiên <= ... + 5", handled "<= Ngày CD/DN gửi
    PAKN + 15 ngày làm việc", published within 2; a running one is on time while "ngày cuối kỳ ... –
    Ngày bắt đầu ... <= 15 ngày làm việc". The limits are the dated portal rule (app.feedback.portal)."""
    late = [j.entry.number for j in judged if not j.on_time]
    return _result(config, "5.2", len(judged) - len(late), len(judged), lost=late)


def feedback_satisfaction(config: ScorecardConfig, judged: Sequence[FeedbackJudged]) -> IndicatorResult:
    """5.3 — "(Tổng số PAKN – Số bị phản hồi trạng thái không hài lòng hoặc tiếp tục có phản ánh, kiến
    nghị về kết quả giải quyết hoặc quá hạn) / Tổng số phản ánh, kiến nghị", over the feedback first
    received in the period; overdue as in 5.2."""
    population = [j for j in judged if j.received_in_period]
    bad = [j.entry.number for j in population if not j.on_time or j.entry.disliked or j.entry.repeated]
    unknown = any(j.entry.disliked is None or j.entry.repeated is None for j in population)
    return _result(
        config, "5.3", len(population) - len(bad), len(population), lost=bad, note=PORTAL_ONLY if unknown else ""
    )


def procedure_satisfaction(config: ScorecardConfig, tally: DossierTally, dislikes_known: bool) -> IndicatorResult:
    """5.4 — "100% − (Tỷ lệ hồ sơ giải quyết quá hạn + Tỷ lệ hồ sơ TTHC có phản ánh, kiến nghị hoặc đánh
    giá dislike)", over 2.1's dossiers; "Đạt từ 90% trở lên sẽ đạt điểm tối đa". Counter ratings do not
    feed it (DOMAIN.md); a portal 'dislike' is not known at the desk."""
    population = tally.population
    if not population:
        return _result(config, "5.4", 0, 0)
    value = 1.0 - (tally.late + tally.complained) / population
    lost = sorted(set(tally.lost_late) | set(tally.lost_complained))[:LOST_LIST]
    return _result(
        config,
        "5.4",
        population - tally.late - tally.complained,
        population,
        value=value,
        lost=lost,
        note="" if dislikes_known else PORTAL_ONLY,
    )
