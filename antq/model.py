"""The one data model: every kind of record the site publishes.

Each YAML file is validated against one of the `*File` models below. The
same models export the JSON Schema files in `schemas/` that editors use
while staff type. Field descriptions are Vietnamese because they reach
staff, both in validation messages and in editor tooltips.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import available_timezones

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr
from pydantic_core import PydanticCustomError

from .problems import Where

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


# Dates outside these years are typing mistakes (0202 for 2020, 9999), not plans or news.
YEARS = range(1945, 2101)


def _parse_date(value: object) -> object:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise PydanticCustomError(
            "vi", "nhận được {value}, cần ngày dạng YYYY-MM-DD (ví dụ 2024-03-05)",
            {"value": repr(value)})
    try:
        date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError(
            "vi", "nhận được {value}, ngày này không có trên lịch; cần ngày có thật dạng YYYY-MM-DD",
            {"value": repr(value)}) from None
    if int(value[:4]) not in YEARS:
        raise PydanticCustomError(
            "vi", "nhận được {value}, năm {year} có vẻ gõ nhầm; cần năm từ {first} đến {last}",
            {"value": repr(value), "year": value[:4], "first": YEARS[0], "last": YEARS[-1]})
    return date.fromisoformat(value)


# What a well-formed value looks like, said once for the validators and for the editors that
# check while staff type (the JSON Schema's patternErrorMessage, the browser editor's forms).
SLUG_EXPECTED = "cần mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang (ví dụ tan-son)"
URL_EXPECTED = "cần địa chỉ web đầy đủ bắt đầu bằng https:// hoặc http://"
PHONE_EXPECTED = ("cần số điện thoại Việt Nam: số khẩn cấp 111-115, di động 10 chữ số (03, 05, 07, 08, 09), "
                  "máy bàn 11 chữ số bắt đầu bằng 02, hoặc đường dây 1800/1900")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _check_slug(value: str) -> str:
    if not SLUG.fullmatch(value):
        raise PydanticCustomError("vi", "nhận được {value}, " + SLUG_EXPECTED, {"value": repr(value)})
    return value


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise PydanticCustomError("vi", "nhận được {value}, " + URL_EXPECTED, {"value": repr(value)})
    return value


AIR_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
DURATION = re.compile(r"(\d{1,3}):([0-5]\d)")


def _check_air_time(value: str) -> str:
    if not AIR_TIME.fullmatch(value):
        raise PydanticCustomError(
            "vi", "nhận được {value}, cần giờ phát sóng dạng HH:MM theo giờ Việt Nam (ví dụ \"18:30\")",
            {"value": repr(value)})
    return value


def _check_duration(value: str) -> str:
    if not DURATION.fullmatch(value) or value in ("0:00", "00:00", "000:00"):
        raise PydanticCustomError(
            "vi", "nhận được {value}, cần thời lượng dạng phút:giây (ví dụ \"3:20\" là 3 phút 20 giây)",
            {"value": repr(value)})
    return value


def _check_timezone(value: str) -> str:
    if value not in available_timezones():
        raise PydanticCustomError("vi", "nhận được {value}, cần tên múi giờ IANA, ví dụ Asia/Ho_Chi_Minh",
                                  {"value": repr(value)})
    return value


@lru_cache(maxsize=1 << 14)
def phone_digits(number: str) -> str:
    """The digits of a phone number as written, separators removed."""
    return re.sub(r"[\s.\-]", "", number)


# Ids that would take the place of a generated page (the posters' index and whole-area poster).
RESERVED_IDS = frozenset({"index", "toan-dia-ban"})

# National emergency short codes, in the order the hotline page lists them.
EMERGENCY = ("113", "114", "115", "111", "112")

# Vietnamese numbers: emergency short codes, 10-digit mobiles (03/05/07/08/09),
# 11-digit landlines with a 02xx area code, and 1800 (free) / 1900 lines.
# ASCII digits only: `\d` would also take full-width and other scripts' digits, which no phone dials.
PHONE_FORMATS = re.compile(r"11[1-5]|0[35789]\d{8}|02\d{9}|1[89]00\d{4}(?:\d{2})?", re.ASCII)


def _check_phone(value: str) -> str:
    if not PHONE_FORMATS.fullmatch(phone_digits(value)):
        raise PydanticCustomError("vi", "nhận được {value}, " + PHONE_EXPECTED, {"value": repr(value)})
    return value


LocalDate = Annotated[date, BeforeValidator(_parse_date)]
Slug = Annotated[str, AfterValidator(_check_slug), Field(json_schema_extra={
    "pattern": f"^{SLUG.pattern}$", "patternErrorMessage": _sentence(SLUG_EXPECTED)})]
Url = Annotated[str, AfterValidator(_check_url), Field(json_schema_extra={
    "pattern": r"^https?://[^\s/?#]+[^\s]*$", "patternErrorMessage": _sentence(URL_EXPECTED)})]
Phone = Annotated[str, AfterValidator(_check_phone), Field(json_schema_extra={
    "pattern": r"^[0-9][0-9 .\-]+[0-9]$", "patternErrorMessage": _sentence(PHONE_EXPECTED)})]
# Spaces that show nothing: a title made only of them (or of ordinary spaces) is empty.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


def _check_text(value: str) -> str:
    if not value.strip(INVISIBLE + " \t\n\r\u00a0\u3000").strip():
        raise PydanticCustomError("vi", "chỉ có dấu cách hoặc ký tự không nhìn thấy, cần có nội dung", {})
    return value


Text = Annotated[str, Field(min_length=1), AfterValidator(_check_text)]


def ref(kind: str) -> dict:
    """Marks a field that holds ids of records of another list (`kind`: its key, e.g. "communes").
    The checks look every such field up; the schema carries the mark as `x-ref` for editors."""
    return {"x-ref": kind}


def ref_kind(info) -> str | None:
    """The list a field refers to (see `ref`), or None."""
    extra = info.json_schema_extra
    return extra.get("x-ref") if isinstance(extra, dict) else None


AirTime = Annotated[str, AfterValidator(_check_air_time), Field(json_schema_extra={"pattern": f"^{AIR_TIME.pattern}$"})]
Duration = Annotated[str, AfterValidator(_check_duration), Field(json_schema_extra={"pattern": f"^{DURATION.pattern}$"})]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    # Where the loader read the record: its position travels with it (copies keep it too).
    _where: Where | None = PrivateAttr(None)


class Validity(Record):
    valid_from: LocalDate | None = Field(None, description="Ngày bắt đầu có hiệu lực (YYYY-MM-DD)")
    valid_to: LocalDate | None = Field(None, description="Ngày hết hiệu lực (YYYY-MM-DD); bỏ trống nếu còn hiệu lực")

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to)


class PartYear(Record):
    year: int = Field(ge=2000, le=2100, description="Năm mà giai đoạn chỉ bao gồm một phần")
    threshold: int = Field(ge=0, description="Ngưỡng số tin bài cho phần năm đó thuộc giai đoạn này")
    source: str = Field("", description="Căn cứ, ví dụ số và ngày văn bản điều chỉnh chỉ tiêu")


class QuotaGroup(Record):
    id: Slug = Field(description="Mã nhóm chỉ tiêu, ví dụ bao-dai-tinh")
    name: Text = Field(description="Tên nhóm chỉ tiêu, như trong kế hoạch")
    rule: Literal["at_least", "more_than"] = Field(
        title="Cách tính", description="at_least: đạt khi số tin bài ≥ ngưỡng; more_than: đạt khi số tin bài > ngưỡng")
    threshold: int = Field(ge=0, description="Ngưỡng số tin bài mỗi năm")
    source: str = Field("", description="Căn cứ trong kế hoạch, ví dụ 'Mục II, chỉ tiêu 5'")
    part_years: list[PartYear] = Field(
        [], description="Chỉ tiêu riêng cho năm mà giai đoạn bắt đầu hoặc kết thúc giữa năm; "
                        "không ghi thì ngưỡng năm được chia theo số ngày của phần năm đó")

    def part_year(self, year: int) -> PartYear | None:
        return next((p for p in self.part_years if p.year == year), None)


class Period(Record):
    id: Slug = Field(description="Mã giai đoạn, ví dụ 2020-2025")
    title: Text = Field(description="Tên kế hoạch của giai đoạn")
    start: LocalDate = Field(description="Ngày bắt đầu giai đoạn")
    end: LocalDate = Field(description="Ngày kết thúc giai đoạn")
    demo: bool = Field(False, title="Minh họa", description="true nếu giai đoạn này chỉ là dữ liệu minh họa")
    quotas: list[QuotaGroup] = Field(description="Các chỉ tiêu tin bài hằng năm")

    @property
    def years(self) -> range:
        return range(self.start.year, self.end.year + 1)


class Place(Validity):
    level: Text = Field(description="Cấp của địa bàn, ví dụ huyện; sau khi bỏ cấp huyện: địa bàn")
    name: Text = Field(description="Tên địa bàn (không kèm cấp), ví dụ Lục Ngạn; sau khi bỏ cấp huyện: huyện Lục Ngạn cũ")
    province: Text = Field(description="Tỉnh trong thời gian này, kèm chữ tỉnh, ví dụ tỉnh Bắc Giang")

    @property
    def full_name(self) -> str:
        return f"{self.level} {self.name}"


def _check_places(places: list[Place]) -> list[Place]:
    spans = sorted(places, key=lambda p: p.valid_from or date.min)
    for before, after in zip(spans, spans[1:]):
        if before.valid_to is None or after.valid_from is None or before.valid_to >= after.valid_from:
            raise PydanticCustomError(
                "vi", "tên {before} và {after} cùng có hiệu lực một lúc; cần valid_to của tên trước sớm hơn "
                "valid_from của tên sau", {"before": repr(before.full_name), "after": repr(after.full_name)})
    return places


class Site(Record):
    name: Text = Field(description="Tên trang")
    places: Annotated[list[Place], AfterValidator(_check_places)] = Field(
        min_length=1, description="Tên địa bàn và tỉnh theo thời gian, mỗi tên với valid_from/valid_to "
                                  "(không chồng lên nhau), ví dụ huyện Lục Ngạn, tỉnh Bắc Giang đến 2025-06-30")
    timezone: Annotated[str, AfterValidator(_check_timezone)] = Field("Asia/Ho_Chi_Minh", description="Múi giờ địa phương")
    demo: bool = Field(title="Dữ liệu minh họa", description="true nếu đây là bộ dữ liệu minh họa (mọi trang sẽ có biểu ngữ)")
    edit_url: Annotated[Url, AfterValidator(lambda url: url if url.endswith("/") else url + "/")] = Field(
        description="Địa chỉ sửa tệp trong kho git, tệp dữ liệu được nối vào sau")
    periods: list[Period] = Field(min_length=1, description="Các giai đoạn kế hoạch")
    two_person_rule_from: LocalDate | None = Field(
        None, description="Ngày bắt đầu áp dụng quy định hai người (người nhập khác người duyệt); tin bài "
                          "có ngày trước đó được duyệt khi chưa có quy định nên có thể không ghi người nhập, "
                          "người duyệt. Bỏ trống: mọi tin bài đã duyệt phải ghi đủ")

    def place_on(self, day: date) -> Place:
        """The place's name on `day`: the one valid then, else the nearest earlier one, else the first."""
        spans = sorted(self.places, key=lambda p: p.valid_from or date.min)
        earlier = [p for p in spans if p.valid_from is None or p.valid_from <= day]
        return earlier[-1] if earlier else spans[0]


class Outlet(Validity):
    id: Slug = Field(description="Mã cơ quan báo chí, ví dụ bao-bac-giang")
    name: Text = Field(description="Tên cơ quan báo chí, đài, cổng thông tin")
    medium: Literal["online", "broadcast", "print"] = Field(
        title="Loại", description="online: báo điện tử, cổng, trang mạng (tin bài phải có url); broadcast: phát thanh, truyền hình; print: báo in")
    quota: Slug | None = Field(None, description="Mã nhóm chỉ tiêu mà tin bài ở đây được tính vào",
                               json_schema_extra=ref("quotas"))
    website: Url | None = Field(None, description="Trang chủ")
    feed: Url | None = Field(None, description="Địa chỉ RSS/Atom")


class Commune(Validity):
    id: Slug = Field(description="Mã xã, thị trấn, ví dụ tan-son")
    name: Text = Field(description="Tên đầy đủ, ví dụ xã Tân Sơn")
    kind: Literal["xã", "thị trấn", "phường"] = Field(description="Loại đơn vị hành chính")
    area: Literal["rural", "urban"] | None = Field(
        None, title="Nông thôn hay đô thị", description="rural: nông thôn; urban: đô thị; bỏ trống thì xã là nông thôn, thị trấn và phường là đô thị")
    complex: bool = Field(False, description="true nếu là địa bàn tiềm ẩn phức tạp về an ninh, trật tự")
    merged_into: Slug | None = Field(
        None, description="Mã xã, phường mới mà đơn vị này sáp nhập vào từ ngày sau valid_to",
        json_schema_extra=ref("communes"))

    @property
    def rural(self) -> bool:
        return self.area == "rural" if self.area else self.kind == "xã"


class StaffMember(Validity):
    id: Slug = Field(description="Mã cán bộ, ví dụ nguyen-thi-hoa")
    name: Text = Field(description="Họ tên")
    role: Text = Field(description="Chức vụ, đơn vị")
    approves: bool = Field(False, description="true nếu người này được giao duyệt tin bài")


class Hotline(Validity):
    id: Slug = Field(description="Mã đường dây")
    name: Text = Field(description="Tên đường dây, ví dụ Công an xã Tân Sơn")
    number: Phone = Field(description="Số điện thoại, ví dụ 113 hoặc 0204 3882 113")
    example: bool = Field(False, title="Số ví dụ", description="true nếu số này chỉ là ví dụ minh họa, không phải số thật")
    answered_by: Text = Field(description="Ai nghe máy")
    hours: Text = Field(description="Giờ trực, ví dụ 24/7")
    channels: list[Literal["call", "sms", "zalo"]] = Field(
        min_length=1, description="Kênh nhận tin: call (gọi), sms (nhắn tin), zalo")
    commune: Slug | None = Field(None, description="Mã xã, thị trấn; bỏ trống nếu dùng cho toàn địa bàn",
                                 json_schema_extra=ref("communes"))
    checked: LocalDate = Field(description="Ngày gần nhất có người gọi thử số này")
    note: str = Field("", description="Ghi chú")


class ModelType(Record):
    id: Slug = Field(description="Mã loại mô hình")
    name: Text = Field(description="Tên loại mô hình, như trong kế hoạch")
    description: str = Field("", description="Mô tả ngắn")


class Evaluation(Record):
    year: int = Field(ge=2000, le=2100, description="Năm đánh giá")
    result: Literal["effective", "formal"] = Field(
        title="Kết quả", description="effective: hoạt động hiệu quả; formal: hình thức (bị thanh loại)")


class SecurityModel(Record):
    id: Slug = Field(description="Mã mô hình")
    name: Text = Field(description="Tên mô hình")
    type: Slug = Field(description="Mã loại mô hình (trong mục types)", json_schema_extra=ref("types"))
    commune: Slug = Field(description="Mã xã, thị trấn nơi thành lập mô hình (còn hiệu lực vào ngày established)",
                          json_schema_extra=ref("communes"))
    commune_now: Slug | None = Field(
        None, description="Chỉ khi xã cũ bị chia cho nhiều xã mới: mã xã, phường mà mô hình thuộc về bây giờ "
                          "(bỏ trống thì theo merged_into của xã cũ)", json_schema_extra=ref("communes"))
    place: Text = Field(description="Nơi hoạt động: thôn, tổ dân phố, cơ quan")
    established: LocalDate = Field(description="Ngày thành lập")
    members: int = Field(ge=0, description="Số thành viên")
    officer: Text = Field(description="Cán bộ Công an phụ trách")
    unit: Slug | None = Field(None, description="Mã khu dân cư, cơ quan, doanh nghiệp, nhà trường (trong data/units.yml) nơi mô hình hoạt động")
    evaluations: list[Evaluation] = Field([], description="Kết quả đánh giá hằng năm")

    @property
    def retired(self) -> bool:
        latest = max(self.evaluations, key=lambda e: e.year, default=None)
        return latest is not None and latest.result == "formal"


def _refuse_yes_no(value: object) -> object:
    if isinstance(value, bool):
        raise PydanticCustomError(
            "vi", "nhận được {value}, cần số và ngày của văn bản đồng ý công bố đã ký, ví dụ "
                  "consent: {{document: \"05/ĐY-CAX\", date: 2024-03-01}}; chưa có văn bản thì bỏ người này khỏi tệp",
            {"value": str(value).lower()})
    return value


def _document_number(value: str) -> str:
    if "://" in value or re.search(r"\.(?:jpe?g|png|pdf|heic|gif|docx?)\b", value, re.IGNORECASE):
        raise PydanticCustomError(
            "vi", "nhận được {value}, cần số văn bản (ví dụ 05/ĐY-CAX), không ghi ảnh chụp, tệp hay đường dẫn",
            {"value": repr(value)})
    return value


class Consent(Record):
    """The signed consent to publish: a reference to the document, never a copy of it."""
    document: Annotated[Text, AfterValidator(_document_number)] = Field(
        description="Số văn bản đồng ý công bố đã ký (ví dụ 05/ĐY-CAX); không ghi ảnh chụp hay đường dẫn")
    date: LocalDate = Field(description="Ngày ký văn bản đồng ý")


# A minor's name as stored: initials only, such as "N.M.A." (the full name never enters the repository).
INITIALS = re.compile(r"(?:[^\W\d_]\.\s?)+")


class Person(Record):
    id: Slug = Field(description="Mã gương người tốt")
    name: Text = Field(description="Họ tên; người chưa thành niên chỉ ghi chữ cái đầu, ví dụ N.M.A.")
    commune: Slug = Field(description="Mã xã, thị trấn", json_schema_extra=ref("communes"))
    deed: Text = Field(description="Việc tốt đã làm")
    date: LocalDate = Field(description="Ngày thông báo biểu dương")
    recognition: Text = Field(description="Hình thức biểu dương, khen thưởng")
    consent: Annotated[Consent, BeforeValidator(_refuse_yes_no)] = Field(
        description="Văn bản đồng ý công bố đã ký của người này (hoặc người giám hộ): số và ngày")
    minor: bool = Field(False, title="Người chưa thành niên", description="true nếu là người chưa thành niên: tên chỉ ghi chữ cái đầu, ví dụ N.M.A.")

    @property
    def quarter(self) -> tuple[int, int]:
        return self.date.year, (self.date.month - 1) // 3 + 1


class BroadcastLog(Record):
    number: Text = Field(description="Số văn bản, sổ hoặc nhật ký phát sóng, ví dụ 12/NK-TTVH")
    date: LocalDate = Field(description="Ngày của văn bản, nhật ký phát sóng")


class Broadcast(Record):
    """Evidence of an item on air: enough for a reviewer to find it in the station's records."""
    programme: Text | None = Field(None, description="Tên chương trình, ví dụ Thời sự tối")
    time: AirTime | None = Field(None, description="Giờ phát sóng theo giờ Việt Nam, HH:MM (ngày phát là trường date)")
    duration: Duration | None = Field(None, description="Thời lượng, phút:giây, ví dụ \"3:20\"")
    recording: Url | None = Field(None, description="Địa chỉ bản ghi hoặc trang lưu trữ của đài")
    log: BroadcastLog | None = Field(None, description="Nhật ký phát sóng: số và ngày")

    def missing(self) -> list[str]:
        """What a published broadcast still needs, as staff write the fields."""
        needed = [label for name, label in (("programme", "programme (tên chương trình)"),
                                            ("time", "time (giờ phát HH:MM)"),
                                            ("duration", "duration (thời lượng phút:giây)"))
                  if getattr(self, name) is None]
        if self.recording is None and self.log is None:
            needed.append("recording (bản ghi) hoặc log (số và ngày nhật ký phát sóng)")
        return needed


class Printed(Record):
    """Evidence of an item in a printed paper."""
    issue: Text | None = Field(None, description="Số báo, ví dụ 4321")
    page: int | None = Field(None, ge=1, description="Trang")

    def missing(self) -> list[str]:
        """What a published printed item still needs, as staff write the fields."""
        return [label for name, label in (("issue", "issue (số báo)"), ("page", "page (trang)"))
                if getattr(self, name) is None]


# `entered_by` of items that the feed import wrote: entered by no person, so any approver differs.
FEED_IMPORT = "nhap-tu-dong"


class NewsItem(Record):
    title: Text = Field(description="Tiêu đề tin bài")
    date: LocalDate = Field(description="Ngày đăng hoặc phát sóng, theo giờ Việt Nam (YYYY-MM-DD)")
    outlet: Slug = Field(description="Mã cơ quan báo chí (trong data/outlets.yml)", json_schema_extra=ref("outlets"))
    url: Url | None = Field(None, description="Địa chỉ bài trên mạng (bắt buộc với báo điện tử)")
    status: Literal["published", "pending", "rejected"] = Field(
        "pending", title="Trạng thái duyệt", description="published: đã duyệt, được hiện và tính chỉ tiêu; pending: chờ duyệt (mặc định); "
                               "rejected: không nhận")
    kind: Literal["tin", "bài", "phóng sự"] = Field("tin", description="Thể loại")
    summary: str = Field("", description="Tóm tắt")
    topics: list[Text] = Field([], description="Chủ đề")
    communes: list[Slug] = Field([], description="Mã các xã, thị trấn được nhắc đến", json_schema_extra=ref("communes"))
    guid: str | None = Field(None, description="Mã mục trong nguồn RSS/Atom (do lệnh nhập điền)")
    broadcast: Broadcast | None = Field(None, description="Bằng chứng phát sóng (bắt buộc khi đã duyệt tin của đài)")
    print: Printed | None = Field(None, description="Bằng chứng báo in: số báo và trang (bắt buộc khi đã duyệt tin báo in)")
    entered_by: Slug | None = Field(
        None, description=f"Mã người nhập tin (trong data/staff.yml); {FEED_IMPORT} nếu do lệnh nhập RSS/Atom ghi",
        json_schema_extra=ref("staff"))
    approved_by: Slug | None = Field(None, description="Mã người duyệt (trong data/staff.yml), khác người nhập",
                                     json_schema_extra=ref("staff"))
    approved_on: LocalDate | None = Field(None, description="Ngày duyệt (YYYY-MM-DD)")


# -- the plan's targets: a register of units, their yearly status, the locality's yearly figures --

UNIT_KINDS = ("khu dân cư", "cơ quan", "doanh nghiệp", "nhà trường")
UnitKind = Literal["khu dân cư", "cơ quan", "doanh nghiệp", "nhà trường"]
# Every kind of unit a target can count: communes (communes.yml) and the register (units.yml).
ScopeKind = Literal["xã", "thị trấn", "phường", "khu dân cư", "cơ quan", "doanh nghiệp", "nhà trường"]
Year = Annotated[int, Field(ge=2000, le=2100)]
Count = Annotated[int, Field(ge=0)]


class Unit(Validity):
    id: Slug = Field(description="Mã đơn vị, khác mọi mã xã trong communes.yml, ví dụ thon-dong-vanh")
    name: Text = Field(description="Tên đơn vị, ví dụ thôn Đồng Vành")
    kind: UnitKind = Field(description="Loại: khu dân cư (thôn, tổ dân phố), cơ quan, doanh nghiệp, nhà trường")
    commune: Slug = Field(description="Mã xã, thị trấn nơi đơn vị đóng (khi đăng ký)", json_schema_extra=ref("communes"))
    complex: bool = Field(False, description="true nếu là nơi tiềm ẩn phức tạp về an ninh, trật tự")
    note: str = Field("", description="Ghi chú")


class UnitYear(Record):
    """One unit's status in one year; a field left out means no figure that year."""
    unit: Slug = Field(description="Mã xã (communes.yml) hoặc mã đơn vị (units.yml)")
    year: Year = Field(description="Năm")
    safe: bool | None = Field(None, description="Được công nhận đạt tiêu chuẩn \"An toàn về an ninh, trật tự\"")
    drug_free: bool | None = Field(None, description="Được công nhận không có tệ nạn ma túy")
    rating: Literal["tốt", "khá", "trung bình", "yếu"] | None = Field(
        None, description="Xếp loại phong trào toàn dân bảo vệ an ninh Tổ quốc")
    classification: Literal["key-security", "key-order", "less-complex"] | None = Field(
        None, description="Chỉ với xã, thị trấn: key-security (trọng điểm phức tạp về an ninh, trật tự), "
                          "key-order (trọng điểm phức tạp về trật tự an toàn xã hội), less-complex (ít phức tạp)")
    new_rural: bool | None = Field(None, description="Chỉ với xã: đạt chuẩn nông thôn mới")
    resolution: bool | None = Field(None, description="Cấp ủy có nghị quyết về công tác bảo đảm an ninh, trật tự trong năm")
    plan: bool | None = Field(None, description="Chính quyền, thủ trưởng có kế hoạch thực hiện trong năm")
    camera: bool | None = Field(None, description="Có hệ thống camera an ninh")
    households: Count | None = Field(None, description="Chỉ với xã, thị trấn: tổng số hộ")
    households_reached: Count | None = Field(None, description="Số hộ được tuyên truyền về phòng, chống tội phạm")
    camera_households: Count | None = Field(None, description="Số hộ lắp camera an ninh")
    forces_required: Count | None = Field(None, description="Số người lực lượng (Công an xã, bảo vệ) theo quy định")
    forces_actual: Count | None = Field(None, description="Số người lực lượng hiện có")
    note: str = Field("", description="Ghi chú")


class Reach(Record):
    reached: Count = Field(description="Số người được tuyên truyền")
    total: Count = Field(description="Tổng số người")


class Tips(Record):
    received: Count = Field(description="Số tin báo, tố giác tội phạm tiếp nhận")
    accepted: Count = Field(description="Số tin được thụ lý giải quyết")
    resolved: Count = Field(description="Số tin đã giải quyết xong")
    overdue: Count = Field(description="Số tin quá thời hạn giải quyết")


class Propagandists(Record):
    level: Text = Field(description="Cấp, ví dụ huyện, xã")
    required: Count = Field(description="Số báo cáo viên, tuyên truyền viên cần có theo quy định")
    actual: Count = Field(description="Số hiện có")
    trained: Count = Field(description="Số đã được tập huấn")


class LocalityYear(Record):
    year: Year = Field(description="Năm")
    tips: Tips | None = Field(None, description="Tin báo, tố giác tội phạm")
    propagandists: list[Propagandists] = Field([], description="Báo cáo viên, tuyên truyền viên theo từng cấp")
    members: Reach | None = Field(None, description="Cán bộ, hội viên, đoàn viên, công nhân viên, người lao động được tuyên truyền")
    students: Reach | None = Field(None, description="Học sinh từ trung học cơ sở trở lên được tuyên truyền")
    note: str = Field("", description="Ghi chú, nguồn số liệu")


class Directive(Record):
    id: Slug = Field(description="Mã văn bản")
    issuer: Text = Field(description="Cơ quan ban hành, ví dụ UBND tỉnh Bắc Giang")
    number: Text = Field(description="Số, ký hiệu, ví dụ 201/ĐA-UBND")
    date: LocalDate = Field(description="Ngày ban hành")
    title: Text = Field(description="Trích yếu")
    url: Url | None = Field(None, description="Địa chỉ văn bản")
    deployed: LocalDate | None = Field(None, description="Ngày triển khai đến xã, thị trấn, CQDNNT, khu dân cư; bỏ trống nếu chưa")
    not_reached: list[Slug] = Field([], description="Mã các đơn vị chưa được triển khai tới")


# What each measure counts over: "units" (units meeting / units in scope), "households" (a sum over
# communes), "locality" (locality-years.yml), "directives" (directives.yml), "quota" (news items);
# and whether its value is a percentage or a count of units.
MEASURES: dict[str, tuple[str, str]] = {
    "directives_deployed": ("directives", "percent"), "documents": ("units", "percent"),
    "households_reached": ("households", "percent"), "members_reached": ("locality", "percent"),
    "students_reached": ("locality", "percent"), "tips_accepted": ("locality", "percent"),
    "tips_resolved": ("locality", "percent"), "tips_overdue": ("locality", "percent"),
    "propagandists_staffed": ("locality", "percent"), "propagandists_trained": ("locality", "percent"),
    "news_quota": ("quota", "count"), "safe": ("units", "percent"), "effective_model": ("units", "percent"),
    "forces_full": ("units", "percent"), "camera": ("units", "percent"),
    "camera_households": ("households", "percent"), "new_rural": ("units", "count"),
    "not_key_security": ("units", "percent"), "not_weak": ("units", "percent"), "drug_free": ("units", "percent"),
}
Measure = Literal[tuple(MEASURES)]


class Threshold(Record):
    year: Year = Field(description="Năm áp dụng: hạn cuối (deadline) hoặc năm bắt đầu (yearly)")
    rule: Literal["at_least", "more_than"] = Field(title="Cách tính", description="at_least: đạt khi ≥ ngưỡng; more_than: đạt khi > ngưỡng")
    value: float = Field(ge=0, description="Ngưỡng: phần trăm, hoặc số đơn vị với các chỉ số đếm")
    as_of: LocalDate | None = Field(None, description="Ngày lấy danh sách đơn vị; bỏ trống là 31/12 của năm")


class Indicator(Record):
    id: Slug = Field(description="Mã chỉ số, riêng trong giai đoạn (dùng làm địa chỉ trang)")
    name: Text = Field(description="Tên chỉ số")
    measure: Measure = Field(description="Cách đo (xem data/README.md)")
    schedule: Literal["yearly", "deadline"] = Field(
        title="Cách xét", description="yearly: xét hằng năm từ năm của ngưỡng; deadline: xét ở năm hạn cuối, các năm trước là tiến độ")
    scope: list[ScopeKind] = Field([], description="Các loại đơn vị được tính, với chỉ số tính trên đơn vị")
    complex_only: bool = Field(False, description="true: chỉ tính nơi tiềm ẩn phức tạp về an ninh, trật tự")
    area: Literal["rural", "urban"] | None = Field(None, title="Nông thôn hay đô thị", description="Với camera_households: rural (nông thôn) hoặc urban (đô thị)")
    quota: Slug | None = Field(None, description="Với news_quota: mã nhóm chỉ tiêu tin bài trong site.yml")
    thresholds: list[Threshold] = Field([], description="Các ngưỡng; bỏ trống nếu chỉ theo dõi")


class Target(Record):
    id: Slug = Field(description="Mã mục tiêu, riêng trong giai đoạn")
    period: Slug = Field(description="Mã giai đoạn trong site.yml")
    title: Text = Field(description="Tên ngắn")
    text: Text = Field(description="Lời văn của kế hoạch")
    source: Text = Field(description="Căn cứ, ví dụ Mục II, chỉ tiêu 6")
    indicators: list[Indicator] = Field(min_length=1, description="Các chỉ số đo mục tiêu")


class Agency(Validity):
    id: Slug = Field(description="Mã đơn vị được phân công")
    name: Text = Field(description="Tên đơn vị")
    number: int | None = Field(None, ge=1, description="Số thứ tự trong Mục VI của kế hoạch; bỏ trống với đơn vị khác")
    duties: list[Text] = Field([], description="Nhiệm vụ được giao, theo lời văn của kế hoạch")
    note: str = Field("", description="Ghi chú")


class Task(Record):
    id: Slug = Field(description="Mã việc")
    title: Text = Field(description="Việc phải làm, ví dụ Sơ kết 6 tháng đầu năm 2021")
    agency: Slug = Field(description="Mã đơn vị chịu trách nhiệm (mục agencies)")
    source: Text = Field(description="Căn cứ trong kế hoạch, ví dụ Mục VII, điểm 1")
    due: LocalDate = Field(description="Hạn")
    status: Literal["pending", "done"] = Field(title="Tình trạng", description="pending: chưa xong; done: đã xong")
    done: LocalDate | None = Field(None, description="Ngày hoàn thành (khi status là done)")
    document: Url | None = Field(None, description="Địa chỉ văn bản, báo cáo (bắt buộc khi status là done)")
    note: str = Field("", description="Ghi chú")


# One model per file kind: the file's top level.

class OutletsFile(Record):
    outlets: list[Outlet] = Field(title="Cơ quan báo chí, đài, cổng thông tin")


class CommunesFile(Record):
    communes: list[Commune] = Field(title="Xã, phường, thị trấn")


class HotlinesFile(Record):
    hotlines: list[Hotline] = Field(title="Đường dây nóng")


class ModelsFile(Record):
    types: list[ModelType] = Field(title="Loại mô hình")
    models: list[SecurityModel] = Field(title="Mô hình tự quản")


class PeopleFile(Record):
    people: list[Person] = Field(title="Gương người tốt")


class StaffFile(Record):
    staff: list[StaffMember] = Field(title="Cán bộ nhập, duyệt tin bài")


class KeywordsFile(Record):
    keywords: list[Text] = Field(
        min_length=1, title="Từ khóa",
        description="Từ khóa chọn tin bài khi nhập từ RSS/Atom: một mục được nhập nếu tiêu đề hoặc tóm tắt "
                    "có một từ khóa (không phân biệt hoa thường, có dấu hay không dấu, đ hay d)")


class UnitsFile(Record):
    units: list[Unit] = Field(title="Đơn vị: khu dân cư, cơ quan, doanh nghiệp, nhà trường")


class UnitYearsFile(Record):
    unit_years: list[UnitYear] = Field(title="Kết quả từng năm của xã, đơn vị")


class LocalityYearsFile(Record):
    locality_years: list[LocalityYear] = Field(title="Số liệu từng năm của địa bàn")


class DirectivesFile(Record):
    directives: list[Directive] = Field(title="Văn bản chỉ đạo")


class TargetsFile(Record):
    targets: list[Target] = Field(title="Mục tiêu của kế hoạch")


class DutiesFile(Record):
    agencies: list[Agency] = Field(title="Đơn vị được phân công")
    tasks: list[Task] = Field(title="Việc phải làm")


FILE_KINDS: dict[str, type[Record]] = {
    "site.yml": Site,
    "outlets.yml": OutletsFile,
    "communes.yml": CommunesFile,
    "hotlines.yml": HotlinesFile,
    "models.yml": ModelsFile,
    "people.yml": PeopleFile,
    "keywords.yml": KeywordsFile,
    "staff.yml": StaffFile,
    "units.yml": UnitsFile,
    "unit-years.yml": UnitYearsFile,
    "locality-years.yml": LocalityYearsFile,
    "directives.yml": DirectivesFile,
    "targets.yml": TargetsFile,
    "duties.yml": DutiesFile,
}
NEWS_SCHEMA = "news"


def schema_name(model: type[Record]) -> str:
    return NEWS_SCHEMA if model is NewsItem else model.__name__.removesuffix("File").lower()
