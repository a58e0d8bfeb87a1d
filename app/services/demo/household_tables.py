"""Who lives in a household: its size and make-up by tenure, where its people come from (the region
codes of their ID numbers), and their schooling, jobs and parties."""

from __future__ import annotations

from app.services.demo.draws import chooser

# Household size distributions (1..6): owners follow the census shape (mean ~2.6), renters are smaller.
SIZE_OWNER = chooser([(1, 24), (2, 30), (3, 22), (4, 13), (5, 7), (6, 4)])
SIZE_RENTER = chooser([(1, 36), (2, 30), (3, 24), (4, 8), (5, 2)])
# (weight, head age range, other members) per size; renters also live as roommates (其他).
_TEMPLATES: dict[int, list[tuple[float, tuple[int, int], tuple[str, ...]]]] = {
    1: [(40, (65, 95), ()), (40, (20, 40), ()), (20, (41, 64), ())],
    2: [(40, (60, 90), ("spouse",)), (25, (23, 38), ("spouse",)), (15, (41, 64), ("spouse",)),
        (12, (30, 58), ("child",)), (8, (62, 88), ("child",))],
    3: [(70, (27, 56), ("spouse", "child")), (10, (30, 55), ("spouse", "parent")),
        (6, (55, 72), ("spouse", "grandchild")), (5, (33, 55), ("child", "child")),
        (4, (60, 85), ("daughter", "child_spouse"))],
    4: [(45, (30, 55), ("spouse", "child", "child")), (30, (30, 52), ("spouse", "child", "parent")),
        (12, (52, 72), ("spouse", "son", "child_spouse")), (6, (52, 72), ("spouse", "daughter", "child_spouse")),
        (6, (55, 72), ("spouse", "grandchild", "grandchild"))],
    5: [(35, (32, 52), ("spouse", "child", "child", "parent")),
        (30, (30, 50), ("spouse", "child", "parent", "parent")),
        (35, (52, 72), ("spouse", "son", "child_spouse", "grandchild"))],
    6: [(50, (52, 72), ("spouse", "son", "child_spouse", "grandchild", "grandchild")),
        (35, (33, 50), ("spouse", "child", "child", "parent", "parent")),
        (15, (34, 52), ("spouse", "child", "child", "child", "parent"))],
}
TEMPLATE = {size: chooser([((ages, roles), w) for w, ages, roles in options])
            for size, options in _TEMPLATES.items()}
ROOMMATES = {2: ((20, 35), ("other",)), 3: ((20, 35), ("other", "other")),
             4: ((20, 40), ("other", "other", "other")), 5: ((22, 45), ("other",) * 4)}

EDUCATION_BY_ERA = {
    0: chooser([("小学", 35), ("初中", 30), ("普通高中", 15), ("中等专科", 8), ("大学专科", 5), ("大学本科", 4),
                ("其他", 3)]),
    1: chooser([("小学", 12), ("初中", 35), ("普通高中", 25), ("中等专科", 11), ("大学专科", 9), ("大学本科", 7),
                ("研究生", 1)]),
    2: chooser([("初中", 18), ("普通高中", 18), ("中等专科", 12), ("大学专科", 22), ("大学本科", 25),
                ("研究生", 5)]),
    3: chooser([("初中", 7), ("普通高中", 11), ("中等专科", 10), ("大学专科", 28), ("大学本科", 36),
                ("研究生", 8)]),
}
EDUCATION_MIGRANT = chooser([("小学", 8), ("初中", 38), ("普通高中", 22), ("中等专科", 14), ("大学专科", 10),
                             ("大学本科", 8)])
JOBS_LOCAL = chooser([("企业职工", 30), ("个体经营", 11), ("机关事业单位", 8), ("灵活就业", 11), ("自由职业", 5),
                      ("教师", 3), ("医务人员", 3), ("网约车司机", 2), ("快递员", 1), ("外卖骑手", 1),
                      ("待业", 6), ("无业", 5)])
JOBS_MIGRANT = chooser([("务工", 35), ("个体经营", 18), ("外卖骑手", 8), ("快递员", 8), ("灵活就业", 10),
                        ("企业职工", 14), ("家政服务", 4), ("网约车司机", 3)])
PARTIES = chooser([("民盟盟员", 2), ("九三学社社员", 2), ("民进会员", 1), ("民建会员", 1), ("农工党党员", 1),
                   ("无党派人士", 2)])

# Region codes for generated ID numbers (the first six digits), with the place for 户籍地址.
LOCAL_REGIONS = chooser([
    ("210102", 12), ("210103", 12), ("210104", 10), ("210105", 10), ("210106", 10), ("210111", 5),
    ("210112", 8), ("210113", 5), ("210114", 6), ("210202", 2), ("210302", 2), ("210402", 2),
    ("211002", 2),
])
_ORIGINS: tuple[tuple[str, str], ...] = (
    ("410102", "河南省郑州市中原区"), ("411621", "河南省周口市扶沟县"), ("411323", "河南省南阳市淅川县"),
    ("130102", "河北省石家庄市长安区"), ("130681", "河北省保定市涿州市"), ("370102", "山东省济南市历下区"),
    ("371302", "山东省临沂市兰山区"), ("340102", "安徽省合肥市瑶海区"), ("341202", "安徽省阜阳市颍州区"),
    ("220102", "吉林省长春市南关区"), ("230102", "黑龙江省哈尔滨市道里区"),
    ("231002", "黑龙江省牡丹江市东安区"), ("150102", "内蒙古自治区呼和浩特市新城区"),
    ("420102", "湖北省武汉市江岸区"), ("430102", "湖南省长沙市芙蓉区"), ("510104", "四川省成都市锦江区"),
    ("511302", "四川省南充市顺庆区"), ("500101", "重庆市万州区"), ("360102", "江西省南昌市东湖区"),
    ("610102", "陕西省西安市新城区"), ("620102", "甘肃省兰州市城关区"),
)
ORIGIN = chooser([(o, 1.0) for o in _ORIGINS])
MINORITY_ORIGINS = {
    "维吾尔族": ("653101", "新疆维吾尔自治区喀什市"), "哈萨克族": ("654002", "新疆维吾尔自治区伊宁市"),
    "藏族": ("540102", "西藏自治区拉萨市城关区"), "壮族": ("450102", "广西壮族自治区南宁市兴宁区"),
    "朝鲜族": ("222401", "吉林省延吉市"), "回族": ("640104", "宁夏回族自治区银川市兴庆区"),
    "土家族": ("433101", "湖南省吉首市"), "苗族": ("433101", "湖南省吉首市"),
}

