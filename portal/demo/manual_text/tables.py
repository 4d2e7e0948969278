"""The shape of a demo manual's words, and the words every manual shares.

Every text is a (Chinese, English) pair, so a translation never drifts from its source;
portal.demo.manuals picks one side and fills in {model}, {name} and {months}.
"""

from dataclasses import dataclass

Pair = tuple[str, str]


@dataclass(frozen=True)
class Fault:
    anchor: str
    code: str
    symptom: Pair
    causes: list[Pair]
    steps: list[Pair]
    needs_engineer: bool = False


@dataclass(frozen=True)
class ManualText:
    safety: list[Pair]
    install_note: Pair
    install: list[Pair]
    use: list[Pair]
    use_tip: Pair
    care: list[Pair]
    care_tip: Pair
    specs: list[tuple[Pair, Pair]]
    faq: list[tuple[Pair, Pair]]
    faults: list[Fault]
    care_title: Pair = ("清洁保养", "Cleaning and care")
    # Set where the demo's usage video belongs in the care chapter.
    video_caption: Pair | None = None


# fmt: off
TITLE: Pair = ("{name} 使用说明书", "{name}: user manual")
INTRO: Pair = (
    "{model} 的电子说明书:安装、日常使用、清洁保养和故障代码。机身二维码随时可扫。",
    "The e-manual of model {model}: installation, daily use, care and error codes. "
    "Scan the code on the appliance any time.",
)
SECTION_TITLES: dict[str, Pair] = {
    "safety": ("安全须知", "Safety first"),
    "install": ("安装", "Installation"),
    "use": ("日常使用", "Daily use"),
    "specs": ("规格参数", "Specifications"),
    "faq": ("常见问题", "Questions and answers"),
    "troubleshooting": ("故障排除", "Troubleshooting"),
}
SAFETY_LEAD: Pair = (
    "使用前请阅读以下安全事项。不遵守可能导致触电、火灾或人身伤害。",
    "Read these points before first use. Ignoring them can cause electric shock, fire or "
    "injury.",
)
COMMON_SAFETY: list[Pair] = [
    ("清洁或保养前,请先关机并断开电源。",
     "Switch off and disconnect the power before cleaning or maintenance."),
    ("电源线损坏时,必须由厂家或其授权服务人员更换。",
     "A damaged power cord must be replaced by the maker or an authorised service agent."),
    ("儿童应在监护下使用,不要让儿童玩耍本机。",
     "Children must be supervised and must not play with the appliance."),
]
SPEC_CAPTION: Pair = ("主要参数", "Main specifications")
SPEC_MODEL: Pair = ("型号", "Model")
SPEC_WARRANTY: Pair = ("整机保修", "Warranty (whole unit)")
SPEC_WARRANTY_VALUE: Pair = ("{months}个月", "{months} months")
# fmt: on
