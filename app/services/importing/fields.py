"""The fields a ledger column can map to, per ledger kind, and the header texts that name them.

The tables follow ledgers/RULES.md (HEADER_SYNONYMS) and add the column names of the deployed grid
platform's templates (../shared/real-templates: 户籍人口/老年人/残疾人/房屋登记表, the Person template),
so those files are recognised without manual mapping. Each kind has its own table: "人员类别" is the
tag column of a people ledger but the category column of a special-group ledger.
"""

from __future__ import annotations

import re
import unicodedata

PEOPLE, DISPUTES, SPECIAL, HOUSES = "people", "disputes", "special_groups", "houses"
KINDS = (PEOPLE, SPECIAL, DISPUTES, HOUSES)
KIND_TITLES = {PEOPLE: "人口台账", SPECIAL: "特殊人群台账", DISPUTES: "矛盾纠纷台账", HOUSES: "房屋台账"}


_MARKERS = dict.fromkeys(map(ord, "*＊※"))
_TRAILING_NOTE = re.compile(r"^(.+?)\([^()]*\)$")


def header_key(text: object) -> str:
    """R3: NFKC, every whitespace and "*" required marker removed (the full text; see header_keys)."""
    return "".join(unicodedata.normalize("NFKC", str(text)).translate(_MARKERS).split())


def header_keys(text: object) -> list[str]:
    """The keys to try for one header cell: the full text first, then without a trailing "(note)"."""
    key = header_key(text)
    if not key:
        return []
    match = _TRAILING_NOTE.match(key)
    return [key, match.group(1)] if match else [key]


def _table(spec: dict[str, str]) -> dict[str, str]:
    """{field: "header / header / …"} -> {normalised header: field}."""
    return {header_key(text): name for name, texts in spec.items() for text in texts.split(" / ")}


_COMMON = {
    "seq": "序号 / 编号 / 序 / 户序号",
    "name": "姓名 / 居民姓名 / 名字 / 人员姓名",
    "gender": "性别",
    "id_number": "身份证号 / 身份证号码 / 公民身份号码 / 证件号码 / 身份证",
    "phone": "联系电话 / 手机号 / 电话 / 联系方式 / 手机号码 / 联系手机",
    "note": "备注 / 说明",
    "age": "年龄",
    "grid": "所属网格 / 网格 / 网格名称",
    "community": "社区 / 所属社区 / 社区名称",
}
_PERSON = {
    "birth_date": "出生日期 / 出生年月 / 出生年月日 / 生日",
    "ethnicity": "民族",
    "address": "现住址 / 住址 / 家庭住址 / 居住地址 / 现居住地址 / 现住地址 / 门牌地址",
}
_PLACE = {
    "estate": "小区 / 小区名称 / 所属小区 / 小区名 / 现住小区/建筑",
    "building": "楼栋 / 楼号 / 栋号 / 楼栋号 / 幢号",
    "unit": "单元 / 单元号",
    "room": "房号 / 门牌号 / 室号 / 房间号",
    "housing_status": "房屋状态 / 居住情况 / 房屋性质 / 居住状态 / 房屋使用情况",
}

SYNONYMS: dict[str, dict[str, str]] = {
    PEOPLE: _table({
        **_COMMON, **_PERSON, **_PLACE,
        "relation": "与户主关系 / 关系 / 与户主的关系 / 家庭关系 / 与其他人员关系",
        "political_status": "政治面貌",
        "residence_type": "户籍类型 / 户籍性质 / 人口类型",
        "tags": "特殊人群 / 人员类别 / 标签 / 特殊人群类别 / 重点人群 / 重点类别",
        "education": "文化程度 / 学历",
        "marital": "婚姻状况",
        "work": "工作单位 / 职业 / 工作单位及职务 / 工作单位或就读学校",
        "household_no": "户号 / 户编号",
        "hukou_address": "户籍详细地址 / 户籍详址 / 户籍地址 / 户籍地详址",
        "hukou_province": "户籍地省",
        "hukou_city": "户籍地市",
        "hukou_district": "户籍地区县",
        "presence": "人户状态",
        "disability_type": "残疾类型 / 残疾类别",
        "disability_level": "残疾等级",
        "disability_cert": "残疾证号 / 残疾人证号",
    }),
    SPECIAL: _table({
        **_COMMON, **_PERSON,
        "s_category": "类别 / 人员类别 / 特殊人群类别",
        "s_detail": "残疾等级/低保证号 / 残疾等级或低保证号 / 证件号码(残疾证/低保证)",
        "s_responsible": "帮扶责任人 / 责任人 / 结对帮扶人",
        "s_frequency": "走访频次 / 走访频率 / 探访频次",
    }),
    DISPUTES: _table({
        "seq": _COMMON["seq"],
        "note": _COMMON["note"],
        "grid": _COMMON["grid"],
        "community": _COMMON["community"],
        "d_date": "日期 / 登记日期 / 受理日期 / 发生时间",
        "d_parties": "当事人 / 当事人姓名 / 纠纷当事人",
        "d_address": "地址 / 发生地点 / 住址",
        "d_type": "纠纷类型 / 矛盾类型 / 类型",
        "d_summary": "简要情况 / 基本情况 / 纠纷简要情况",
        "d_result": "调解结果 / 调处结果 / 化解情况",
        "d_mediator": "调解人 / 经办人 / 调处人",
    }),
    HOUSES: _table({
        **_PLACE,
        "note": _COMMON["note"],
        "grid": _COMMON["grid"],
        "community": _COMMON["community"],
        "address": "房屋准确地址 / 房屋地址 / 房屋坐落 / 地址",
        "h_rental": "是否为出租房 / 是否出租 / 是否是出租房",
        "h_owner": "代表人/业主 / 业主 / 业主姓名 / 房主 / 产权人姓名",
        "h_area": "本户建筑面积 / 建筑面积 / 面积",
        "h_use": "房屋用途",
        "h_code": "房屋编号",
    }),
}

# Fields recognised but deliberately not imported (RULES.md R3: derived or outside the data model).
NOT_IMPORTED = frozenset({"seq", "age", "education", "marital", "work", "hukou_address", "hukou_province",
                          "hukou_city", "hukou_district", "presence", "h_code"})

# Fields only one kind has: they decide which kind a header row belongs to.
_SHARED = frozenset({"seq", "name", "gender", "id_number", "phone", "note", "age", "grid", "community", "address"})
DISTINCTIVE = {kind: frozenset(table.values()) - _SHARED for kind, table in SYNONYMS.items()}
REQUIRED = {PEOPLE: ("name", "id_number"), SPECIAL: ("name", "id_number", "s_category"),
            DISPUTES: ("d_parties",), HOUSES: ("address",)}

FIELD_TITLES = {
    "seq": "序号", "name": "姓名", "gender": "性别", "id_number": "身份证号", "phone": "联系电话", "note": "备注",
    "age": "年龄", "grid": "网格", "community": "社区", "birth_date": "出生日期", "ethnicity": "民族",
    "address": "住址",
    "estate": "小区", "building": "楼栋", "unit": "单元", "room": "房号", "housing_status": "房屋状态",
    "relation": "与户主关系", "political_status": "政治面貌", "residence_type": "户籍类型", "tags": "特殊人群",
    "education": "文化程度", "marital": "婚姻状况", "work": "工作单位", "household_no": "户号",
    "hukou_address": "户籍地址", "hukou_province": "户籍地省", "hukou_city": "户籍地市",
    "hukou_district": "户籍地区县", "presence": "人户状态", "disability_type": "残疾类型",
    "disability_level": "残疾等级", "disability_cert": "残疾证号", "s_category": "类别",
    "s_detail": "残疾等级/低保证号", "s_responsible": "帮扶责任人", "s_frequency": "走访频次",
    "d_date": "日期", "d_parties": "当事人", "d_address": "地址", "d_type": "纠纷类型", "d_summary": "简要情况",
    "d_result": "调解结果", "d_mediator": "调解人", "h_rental": "是否出租", "h_owner": "业主",
    "h_area": "建筑面积", "h_use": "房屋用途", "h_code": "房屋编号",
}

def match_field(kind: str, texts: list[str]) -> str | None:
    """The field for a header cell; ``texts`` are the candidate readings, best first."""
    table = SYNONYMS[kind]
    for text in texts:
        for key in header_keys(text):
            if key in table:
                return table[key]
    return None
