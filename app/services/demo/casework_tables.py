"""Casework: the case states and how often each comes up, the showcase of the first community, the
steps' durations, and the wording of cases, disputes, hand-offs, ratings and mediation."""

from __future__ import annotations

from app.domain.case_codes import DEFAULT_CATEGORIES, SOURCES
from app.services.demo.draws import chooser

# Case categories with their time limits (working days) and whether a grid worker may settle them on
# the spot come from the category dictionary (app.domain.case_codes).
CATEGORIES = {c.name: c for c in DEFAULT_CATEGORIES}
ON_SPOT = frozenset(c.name for c in DEFAULT_CATEGORIES if c.on_spot)
STEP_HOURS = {"report": (0.3, 8), "dispatch": (1, 30), "return": (12, 72), "close": (6, 96), "escalate": (2, 72),
              "withdraw": (1, 120), "resolve_on_spot": (0.2, 2)}
CASE_STATES = ("collected", "reported", "dispatched", "handled", "closed", "escalated", "withdrawn")

# The first community shows every state, disputes, overdue cases, a return loop and an on-the-spot
# fix whatever the seed: (state, dispute, overdue, return loop, resolved on the spot); None = random.
SHOWCASE: tuple[tuple[str, bool, bool, bool | None, bool | None], ...] = (
    ("collected", False, False, None, None), ("reported", False, False, None, None),
    ("dispatched", False, True, None, None), ("handled", False, False, None, None),
    ("closed", False, False, None, None), ("escalated", False, False, None, None),
    ("withdrawn", False, False, None, None), ("closed", True, False, False, None),
    ("dispatched", True, False, False, None), ("handled", True, False, False, None),
    ("dispatched", False, True, None, None), ("closed", False, False, True, False),
    ("closed", False, False, False, True),
)
CASE_CATEGORY = chooser([(name, w) for name, w in (
    ("安全隐患", 12), ("民生诉求", 15), ("环境卫生", 13), ("物业管理", 12), ("飞线充电", 10), ("楼道堆物", 12),
    ("宠物扰民", 8), ("下水道堵塞", 9)) if name in CATEGORIES])
CASE_SOURCE = chooser(list(zip(SOURCES, (40, 35, 10, 15), strict=True)))  # 巡查发现 居民反映 上级交办 随手拍
CASE_STATE = chooser([("closed", 46), ("handled", 9), ("dispatched", 14), ("reported", 7), ("collected", 7),
                      ("escalated", 7), ("withdrawn", 10)])
DISPUTE_TYPE = chooser([("邻里纠纷", 22), ("物业纠纷", 14), ("家庭纠纷", 14), ("漏水", 14), ("噪音扰民", 14),
                        ("停车纠纷", 10), ("宠物扰民", 6), ("楼道堆物", 6)])
PRIORITY = chooser([("一般", 70), ("较急", 22), ("紧急", 8)])
RATING = chooser([(5, 55), (4, 30), (3, 10), (2, 4), (1, 1)])
RATING_COMMENTS = {5: "处理及时，非常满意", 4: "比较满意", 3: "基本满意，希望后续多关注", 2: "处理较慢",
                   1: "问题没有彻底解决"}

# Case and dispute wording: (title, description) templates; {p} is the place, {b} {u} building and unit.
CASE_TEXT = {
    "安全隐患": (("{b}楼顶防水层破损漏雨", "{p}楼顶防水层老化破损，雨天顶层住户家中漏雨，存在墙体渗水隐患。"),
             ("{b}消火栓无水", "巡查时测试{p}楼道消火栓，打开后无水，消防设施失效。"),
             ("{b}{u}单元门禁损坏", "{p}单元门禁损坏无法关闭，外来人员可随意进出。"),
             ("{b}外墙瓷砖脱落", "{p}外墙瓷砖有脱落现象，楼下为人行通道，存在高空坠物隐患。"),
             ("{b}燃气管道锈蚀", "{p}外墙燃气立管锈蚀严重，居民担心漏气。")),
    "民生诉求": (("申请办理高龄津贴", "{p}居民反映家中老人年满80周岁，咨询并申请办理高龄津贴。"),
             ("咨询低保申请条件", "{p}居民因家庭成员患病收入下降，咨询最低生活保障申请条件和材料。"),
             ("申请安装楼道扶手", "{p}老年居民较多，上下楼不便，申请在楼道加装扶手。"),
             ("反映小区缺少电动车充电桩", "{p}居民反映小区内充电桩数量不足，电动车充电困难。"),
             ("申请居家适老化改造", "{p}独居老人申请卫生间防滑、扶手等居家适老化改造。")),
    "环境卫生": (("{b}垃圾清运不及时", "{p}旁垃圾桶满溢，清运不及时，气味较大。"),
             ("绿化带内积存垃圾", "{p}附近绿化带内积存建筑垃圾和生活垃圾，影响环境。"),
             ("{b}化粪池满溢", "{p}化粪池满溢，污水外流至道路。"),
             ("{b}楼下卫生死角", "{p}楼下角落长期堆积杂物，滋生蚊蝇。")),
    "物业管理": (("{b}电梯频繁故障", "{p}电梯近一个月多次停运困人，居民要求物业彻底检修。"),
             ("小区监控损坏", "{p}附近监控摄像头损坏，夜间照明不足，居民担心安全。"),
             ("地下车库积水", "{p}地下车库雨后积水，物业未及时抽排。"),
             ("{b}楼道灯不亮", "{p}楼道声控灯损坏多日，物业未及时维修。")),
    "飞线充电": (("{b}电动车飞线充电", "巡查发现{p}有居民从窗户私拉电线为电动自行车充电，存在火灾隐患。"),
             ("{b}{u}单元楼道内电动车充电", "{p}楼道内停放电动车并从家中拉线充电，堵塞疏散通道。")),
    "楼道堆物": (("{b}{u}单元楼道堆放杂物", "{p}楼道内堆放纸箱、旧家具等杂物，堵塞消防通道。"),
             ("{b}{u}单元楼梯间堆放废品", "{p}楼梯间长期堆放回收的废品，易燃物较多。")),
    "宠物扰民": (("{b}犬只夜间吠叫扰民", "{p}住户饲养的犬只夜间持续吠叫，影响邻居休息。"),
             ("{b}楼下遛狗不拴绳", "{p}有居民遛狗不拴绳、不清理粪便，邻居多次反映。")),
    "下水道堵塞": (("{b}{u}单元下水道堵塞返水", "{p}下水主管道堵塞，低层住户卫生间返水。"),
              ("{b}门前雨水井堵塞", "{p}门前雨水井被杂物堵塞，雨天积水严重。")),
}
DISPUTE_TEXT = {
    "邻里纠纷": ("邻里因琐事发生口角", "{p}两户邻居因公共区域使用问题多次发生口角，情绪较为激动。"),
    "物业纠纷": ("业主与物业因服务费产生纠纷", "{p}业主认为物业服务不到位，拒缴物业费，双方发生争执。"),
    "家庭纠纷": ("家庭成员因赡养问题发生矛盾", "{p}子女之间因老人赡养费用分担问题发生矛盾。"),
    "漏水": ("楼上漏水致楼下受损", "{p}楼上卫生间漏水，致楼下天花板和墙面受损，双方就赔偿问题协商未果。"),
    "噪音扰民": ("楼上夜间噪音扰民", "{p}楼下住户反映楼上夜间经常有拖拽家具、跑跳等噪音，影响休息。"),
    "停车纠纷": ("车位被占引发纠纷", "{p}附近居民因固定车位被他人长期占用发生纠纷。"),
    "宠物扰民": ("养犬扰民引发邻里矛盾", "{p}住户养犬吠叫、随地便溺，邻居多次交涉未果。"),
    "楼道堆物": ("楼道堆物引发邻里矛盾", "{p}住户在楼道堆放杂物，邻居要求清理未果，双方发生争吵。"),
}
HANDLERS = {
    "安全隐患": ("街道应急管理办公室", "{pm}"), "民生诉求": ("社区居委会", "街道社会事务办公室"),
    "环境卫生": ("街道环卫所", "{pm}"), "物业管理": ("{pm}", "社区物业管理办公室"),
    "飞线充电": ("{pm}", "街道消防工作站"), "楼道堆物": ("{pm}", "社区居委会"),
    "宠物扰民": ("社区警务室", "社区居委会"), "下水道堵塞": ("区市政排水管理所", "{pm}"),
    "矛盾纠纷": ("社区人民调解委员会",),
}
FEEDBACK = {
    "安全隐患": "已组织维修，隐患已消除", "民生诉求": "已协助居民提交申请材料，按流程办理",
    "环境卫生": "已安排清运清理，现场整洁", "物业管理": "物业已完成维修，恢复正常",
    "飞线充电": "已劝导居民拆除飞线，引导到集中充电点充电", "楼道堆物": "已通知住户清理，楼道已清空",
    "宠物扰民": "已上门劝导犬主文明养犬", "下水道堵塞": "已疏通管道，排水恢复正常",
    "矛盾纠纷": "经调解，双方情绪平稳",
}
RETURN_REASONS = ("现场核查问题仍未解决", "居民反映处理不彻底", "处置反馈材料不完整，缺少现场照片")
WITHDRAW_REASONS = ("居民已自行协商解决，申请撤销", "经核实为重复上报", "经核实不属于本社区管辖范围")
ESCALATE_REASONS = ("涉及多个部门，社区无法协调处理", "问题需要专项资金解决，报街道统筹",
                    "矛盾有激化风险，报街道综治中心")
# The first session, possible middle ones, and the one where the parties agree.
MEDIATION_SUMMARIES = ("分别听取双方意见，初步了解纠纷经过", "组织双方面对面协商，情绪有所缓和",
                       "邀请物业、楼长共同参与，提出解决方案", "一方未到场，另行约定时间",
                       "双方就主要问题达成一致意见")
AGREEMENTS = {
    "邻里纠纷": "双方相互谅解，约定今后文明相处", "物业纠纷": "物业限期整改服务问题，业主补缴物业费",
    "家庭纠纷": "子女签订赡养协议，按月分担老人生活费用", "漏水": "楼上住户维修防水并赔偿楼下维修费用",
    "噪音扰民": "楼上住户承诺晚十点后避免噪音，加铺地垫", "停车纠纷": "占用方归还车位，物业加装车位锁",
    "宠物扰民": "犬主承诺文明养犬，遛狗拴绳并清理粪便", "楼道堆物": "住户三日内清理楼道杂物",
}
