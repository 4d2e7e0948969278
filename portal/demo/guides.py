"""Care guides: short how-tos tagged by appliance category, model and topic, in both languages.

Same rules as the rest of the demo tree: each guide is created and published once in Chinese,
copied to English once, and left alone after that.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.utils.html import escape
from wagtail.models import Locale
from wagtail.rich_text import RichText

from appliances.models import ApplianceModel
from cms.models import GuideIndexPage, GuidePage, HomePage

from .data import APPLIANCES
from .manuals import EN, ZH, ensure_index

try:
    from .video import ensure_demo_video
except ImportError:  # the demo video lands on its own; until then guides go without one
    ensure_demo_video = None

Pair = tuple[str, str]


@dataclass(frozen=True)
class Guide:
    slug: str
    category: str  # "" for guides that span categories
    families: tuple[str, ...]  # the models it applies to, by family (portal.demo.data)
    title: Pair
    intro: Pair
    tags: tuple[list[str], list[str]]
    lead: Pair
    steps: list[Pair]
    tip: Pair
    faq: list[tuple[Pair, Pair]]
    video: bool = False


# fmt: off
INDEX = {
    "title": ("保养指南", "Care guides"),
    "intro": ("换滤芯、洗滤网、除水垢:跟着步骤做,家电更耐用、更省电。",
              "Changing filters, cleaning, descaling: step-by-step care that keeps appliances "
              "working longer on less power."),
}

GUIDES = [
    Guide(
        "purifier-filter-life", "water_purifier", ("ro_purifier",),
        ("净水器滤芯多久换一次", "How often to change purifier filters"),
        ("PP棉、活性炭和RO滤芯寿命不同,按顺序更换最省钱。",
         "Sediment, carbon and RO cartridges wear at different rates; change them in the "
         "right order and save."),
        (["滤芯", "净水器", "耗材"], ["filters", "water purifier", "consumables"]),
        ("净水器的滤芯就像口罩,用久了会堵。第一级PP棉拦住泥沙,最先脏;活性炭去掉余氯和异味;"
         "RO膜最贵,但有前两级保护就能用两年。",
         "Purifier cartridges clog like a face mask. The sediment stage catches grit and fills "
         "first; carbon removes chlorine and taste; the RO membrane costs most but lasts two "
         "years behind the first two."),
        [("PP棉滤芯:6个月一换,泥沙多的老小区3–4个月。",
          "Sediment cartridge: every 6 months; every 3–4 in older buildings with gritty water."),
         ("活性炭滤芯:6–12个月一换,水有异味时提前换。",
          "Carbon cartridge: every 6–12 months, sooner if the water tastes odd."),
         ("RO反渗透滤芯:约24个月一换,出水TDS明显升高时更换。",
          "RO membrane: about every 24 months, or when the TDS reading rises clearly."),
         ("换完长按「复位」键,冲洗5分钟再喝。",
          "After changing one, hold RESET and flush for 5 minutes before drinking.")],
        ("滤芯提醒是按时间和用水量估算的;出水变慢是更可靠的信号。",
         "The reminder is an estimate from time and volume; a slower flow is the surer sign."),
        [(("可以自己换滤芯吗?", "Can I change the cartridges myself?"),
          ("<p>可以。本机采用旋转快接滤芯,不用工具,一分钟换好。</p>",
           "<p>Yes. The cartridges twist in and out without tools; it takes a minute.</p>"))],
    ),
    Guide(
        "ac-filter-cleaning", "air_conditioner", ("split_ac", "cabinet_ac"),
        ("空调滤网清洗", "Cleaning AC filters"),
        ("两周洗一次滤网,制冷更快,也更省电。", "Wash the filters every two weeks: faster "
         "cooling, lower bills."),
        (["清洁", "空调", "滤网"], ["cleaning", "air conditioner", "filters"]),
        ("滤网积灰后风量下降,压缩机要多工作。清洗滤网只要十分钟,不需要工具。",
         "Dusty filters choke the airflow and make the compressor work harder. Cleaning them "
         "takes ten minutes and no tools."),
        [("关机断电,掀起面板,抽出滤网。", "Switch off at the wall, lift the panel, slide the "
          "filters out."),
         ("用吸尘器或温水冲洗,不要用硬刷。", "Vacuum or rinse in warm water; no hard brushes."),
         ("阴凉处晾干后装回。", "Dry them in the shade and slide them back."),
         ("除甲醛滤芯不能水洗,每6个月更换。", "The formaldehyde cartridge cannot be washed: "
          "replace it every 6 months.")],
        ("滤网之后的蒸发器和风轮藏着更多灰尘和霉菌,每年请师傅深度清洗一次。",
         "Behind the filters, the coil and fan drum hold more dust and mould: have them "
         "deep-cleaned once a year."),
        [(("滤网破了怎么办?", "The filter is torn. What now?"),
          ("<p>破损的滤网挡不住灰尘,请在商城购买原厂滤网更换。</p>",
           "<p>A torn filter lets dust through. Buy a genuine replacement in the shop.</p>"))],
        video=True,
    ),
    Guide(
        "water-heater-descaling", "water_heater", ("electric_heater",),
        ("热水器除垢", "Descaling a water heater"),
        ("半年排一次污,加热更快,镁棒和内胆更耐用。",
         "Drain and descale every six months: faster heating and a longer-lived tank."),
        (["除垢", "热水器", "清洁"], ["descaling", "water heater", "cleaning"]),
        ("水里的钙镁离子受热变成水垢,沉在内胆底部,裹住加热管,让加热变慢、耗电变多。",
         "Calcium in the water turns to scale when heated. It settles at the bottom of the tank "
         "and coats the element, so heating takes longer and costs more."),
        [("断电,关闭进水阀,打开热水龙头泄压。", "Switch off, close the inlet valve and open a "
          "hot tap to release pressure."),
         ("拧下排污口螺帽,放出底部的水垢。", "Unscrew the drain plug and let the scale run out."),
         ("打开进水阀冲洗,直到流出清水。", "Open the inlet valve and flush until the water runs "
          "clear."),
         ("拧回螺帽,注满水后再通电。", "Refit the plug and fill the tank before switching on.")],
        ("顺便看看镁棒:消耗超过三分之二就该换了。", "Check the magnesium anode while you are at "
         "it: replace it when two thirds is gone."),
        [(("除垢剂有必要吗?", "Do I need a descaler?"),
          ("<p>水质硬的地区,排污后加入除垢剂浸泡两小时,效果更好。</p>",
           "<p>In hard-water areas, soaking the tank for two hours with descaler after "
           "draining works better.</p>"))],
    ),
    Guide(
        "washer-drum-self-clean", "washing_machine", ("front_loader", "top_loader"),
        ("洗衣机筒自洁", "Drum self-clean"),
        ("每月一次筒自洁,告别衣服上的霉味。", "A drum clean once a month keeps musty smells out "
         "of your laundry."),
        (["清洁", "洗衣机"], ["cleaning", "washing machine"]),
        ("内筒和外筒之间的夹层看不见,洗衣液残留和皮屑在这里发霉。",
         "Between the inner and outer drum, out of sight, detergent and skin flakes grow mould."),
        [("清空衣物,加入一瓶槽清洁剂。", "Empty the drum and add a bottle of drum cleaner."),
         ("选择「筒自洁」程序启动,约一小时。", "Start the DRUM CLEAN programme; it runs about an "
          "hour."),
         ("结束后擦干门封圈,开门通风。", "Afterwards, wipe the door seal dry and leave the door "
          "open.")],
        ("黑斑和异味反复出现时,说明夹层已经很脏,需要师傅拆洗。",
         "If black spots and smells keep coming back, the gap needs a technician's strip-down "
         "clean."),
        [],
    ),
    Guide(
        "range-hood-oil-cup", "range_hood", ("chimney_hood", "side_hood"),
        ("油烟机油杯清理", "Emptying the range hood oil cup"),
        ("油杯半满就倒,防止滴油和异味。", "Empty the oil cup at half full to stop drips and "
         "smells."),
        (["清洁", "油烟机"], ["cleaning", "range hood"]),
        ("油杯收集从叶轮甩下来的油。满了之后油会从缝隙滴到灶台上。",
         "The oil cup catches grease thrown off the fan. When it is full, oil drips onto the "
         "hob."),
        [("断电,戴手套,取下油杯。", "Switch off, put on gloves and take the cup off."),
         ("倒掉废油,用热水和洗洁精洗净。", "Pour the oil away and wash the cup in hot soapy "
          "water."),
         ("在杯底铺一张吸油纸再装回,下次更好清理。", "Line it with kitchen paper before "
          "refitting: next time is easier.")],
        ("废油不要倒进下水道,会堵塞管道。", "Never pour the oil down the sink: it blocks the "
         "drains."),
        [],
    ),
    Guide(
        "winter-energy-saving", "", ("split_ac", "cabinet_ac", "electric_heater", "gas_heater"),
        ("冬季节能小窍门", "Saving energy in winter"),
        ("空调和热水器是冬天的用电大户,几个设置就能省下不少。",
         "Air conditioners and water heaters use most power in winter; a few settings save a "
         "lot."),
        (["节能", "冬季"], ["energy saving", "winter"]),
        ("冬季室内外温差大,设备长时间满负荷运行。合理设置温度比频繁开关更省电。",
         "In winter the gap between indoors and out is wide and appliances run flat out. "
         "Sensible settings save more than switching on and off."),
        [("空调制热设在18–20℃,每调低1℃约省电6%。", "Heat to 18–20 °C: each degree lower saves "
          "about 6 %."),
         ("出门两小时以内不用关空调,重新升温更费电。", "Going out for under two hours? Leave the "
          "AC on: heating up again costs more."),
         ("热水器设在50℃,用谷电预约加热。", "Set the water heater to 50 °C and heat on "
          "off-peak power."),
         ("定期清洗空调滤网,脏滤网会让制热变慢。", "Clean the AC filters: dirty ones slow "
          "heating.")],
        ("室外机结霜自动除霜时会暂停制热,是正常现象,不用关机。",
         "When the outdoor unit defrosts, heating pauses for a few minutes. That is normal; do "
         "not switch off."),
        [],
    ),
]
# fmt: on


def load_guides(appliances: dict[str, ApplianceModel]) -> dict[str, int]:
    zh = Locale.objects.get(language_code="zh-hans")
    en = Locale.objects.get(language_code="en")
    index = ensure_index(
        HomePage.objects.get(locale=zh, depth=2),
        GuideIndexPage,
        slug="guides",
        titles=INDEX,
        translate_to=en,
    )
    video = cache(lambda: ensure_demo_video() if ensure_demo_video else None)
    for guide in GUIDES:
        models = [appliances[a.model_number] for a in APPLIANCES if a.family in guide.families]
        page = GuidePage.objects.child_of(index).filter(slug=guide.slug).first()
        if page is None:
            page = GuidePage(slug=guide.slug, locale=zh, category=guide.category)
            _fill(page, guide, ZH, video)
            page.appliance_models = models
            index.add_child(instance=page)
            page.save_revision().publish()
        if page.get_translation_or_none(en) is None:
            translated = page.copy_for_translation(en)
            _fill(translated, guide, EN, video)
            translated.save_revision().publish()
    return {"guides": 2 * len(GUIDES)}


def _fill(page: GuidePage, guide: Guide, lang: int, video: Callable) -> None:
    page.title = guide.title[lang]
    page.intro = guide.intro[lang]
    page.tags.set(guide.tags[lang])
    body = [
        ("paragraph", RichText(f"<p>{escape(guide.lead[lang])}</p>")),
        (
            "steps",
            [{"text": RichText(f"<p>{escape(s[lang])}</p>"), "image": None} for s in guide.steps],
        ),
    ]
    if guide.video and video() is not None:
        body.append(("video", {"video": video(), "caption": guide.title[lang]}))
    body.append(("callout", {"kind": "tip", "text": RichText(f"<p>{escape(guide.tip[lang])}</p>")}))
    if guide.faq:
        answers = [{"question": q[lang], "answer": RichText(a[lang])} for q, a in guide.faq]
        body.append(("faq", answers))
    page.body = body
