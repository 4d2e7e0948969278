"""The synonym table's first rows: what customers type for the shop's goods and services.

Staff add and change groups in /cms/snippets/; a term found in no group is searched as typed.
"""

from django.db import migrations

GROUPS = [
    ("filter\nfilter cartridge\n滤芯\n滤网\n过滤网", "Consumable filters (purifiers, ACs, hoods)"),
    ("cleaning\nclean\ndeep clean\n清洗\n清洁\n深度清洗", "Cleaning visits"),
    ("warranty\nextended warranty\nwarranty plan\n延保\n延长保修\n保修", "Warranty and plans"),
    ("remote\nremote control\n遥控器", "Remote controls"),
    ("descaling\ndescale\n除垢\n水垢", "Water heaters, kettles, washers"),
    ("anode\nmagnesium rod\nanode rod\n镁棒", "Water heater anode"),
    ("installation\ninstall\n安装", "Installation"),
    ("repair\n维修\n报修", "Repairs"),
    ("manual\nuser manual\ne-manual\n说明书\n电子说明书", "Manuals"),
    ("error code\nfault code\n故障码\n故障代码", "Error codes on the display"),
    ("air conditioner\n空调", "Category"),
    ("water heater\n热水器", "Category"),
    ("range hood\ncooker hood\n油烟机\n抽油烟机", "Category"),
    ("water purifier\npurifier\n净水器", "Category"),
    ("washing machine\nwasher\n洗衣机", "Category"),
    ("television\nTV\n电视\n电视机", "Category"),
    ("formaldehyde\n甲醛", "Air quality"),
]


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("catalog", "SynonymGroup")
    for terms, note in GROUPS:
        SynonymGroup.objects.get_or_create(terms=terms, defaults={"note": note})


def unseed(apps, schema_editor):
    SynonymGroup = apps.get_model("catalog", "SynonymGroup")
    SynonymGroup.objects.filter(terms__in=[terms for terms, _note in GROUPS]).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_synonym_group")]

    operations = [migrations.RunPython(seed, unseed)]
