"""Kitchen and living room: range hoods, fridges, televisions."""

from .tables import Fault, ManualText

# One pair per entry, Chinese first; long strings continue on the next line.
# fmt: off
RANGE_HOOD = ManualText(
    safety=[
        ("不要在油烟机下方点火燃烧(如爆炒燃油),火焰可能引燃油网。",
         "Never flambé under the hood: flames can ignite the grease filter."),
        ("油烟机底部距灶面65–75厘米,太近有烫伤和起火风险。",
         "Keep the hood 65–75 cm above the hob; closer is a burn and fire risk."),
        ("清洁叶轮等内部部件前,必须断开电源。",
         "Disconnect the power before cleaning the fan or any inside part."),
    ],
    install_note=(
        "请由授权师傅安装,并接入公共烟道的止回阀。",
        "Have it fitted by an authorised technician, with a non-return valve on the shared flue.",
    ),
    install=[
        ("师傅确认灶具位置和烟道口。", "The technician checks the hob and the flue opening."),
        ("按65–75厘米的高度安装挂板和机身。", "The bracket and body go 65–75 cm above the hob."),
        ("连接排烟管,密封烟道口,通电试机。",
         "The duct is connected, the flue opening sealed and the hood tested."),
    ],
    use=[
        ("做饭前1分钟打开,饭后继续运行3–5分钟,排净余烟。",
         "Switch on a minute before cooking and leave it running 3–5 minutes after."),
        ("爆炒时用「强档」,煲汤时用「弱档」。", "Use HIGH for stir-frying and LOW for simmering."),
        ("烟灶联动机型:灶具点火后油烟机自动开启。",
         "Hob-linked models start by themselves when the hob lights."),
    ],
    use_tip=(
        "关好厨房门、开一扇小窗补风,吸烟效果更好。",
        "Close the kitchen door and open a window a little: fresh air helps the hood draw.",
    ),
    care_title=("清洁保养:油杯和油网", "Care: oil cup and grease filter"),
    care=[
        ("断开电源,戴上手套。", "Disconnect the power and put on gloves."),
        ("取下油杯,倒掉废油,用洗洁精清洗后装回。油杯约半满就要倒。",
         "Take off the oil cup, empty it, wash it and refit it. Empty it when about half full."),
        ("拆下油网,在60℃热水加小苏打中浸泡20分钟后刷洗。",
         "Remove the grease filter, soak it 20 minutes in 60 °C water with baking soda, then "
         "brush."),
        ("晾干后装回,机身外表用软布擦拭,不要用钢丝球。",
         "Refit when dry; wipe the body with a soft cloth, never steel wool."),
    ],
    care_tip=(
        "建议每年请师傅拆洗一次叶轮和蜗壳,吸力会明显恢复。",
        "Have the fan and housing stripped and cleaned once a year: suction comes back "
        "noticeably.",
    ),
    specs=[
        (("额定电压/功率", "Rated voltage / power"), ("220V~ / 260W", "220 V~ / 260 W")),
        (("最大风量", "Maximum airflow"), ("≥21 m³/min", "≥21 m³/min")),
        (("噪声", "Noise"), ("≤56 dB(A)", "≤56 dB(A)")),
    ],
    faq=[
        (("吸油棉要多久换?", "How often do the grease pads need changing?"),
         ("<p>一般每月一次,颜色明显变深就该换了。</p>",
          "<p>About once a month, or when they turn clearly darker.</p>")),
    ],
    faults=[
        Fault("weak-suction", "", ("吸力变小,有油烟外溢", "Weak suction, smoke escapes"),
              causes=[
                  ("油网或叶轮油污太多", "Grease has built up on the filter or fan"),
                  ("止回阀卡住或公共烟道高峰期压力大",
                   "The non-return valve sticks, or the shared flue is busy at peak hours"),
              ],
              steps=[
                  ("清洗油网,见「清洁保养」。", "Clean the grease filter (see care)."),
                  ("检查止回阀能否自由开合。",
                   "Check the non-return valve opens and closes freely."),
                  ("仍然吸力小,请预约深度清洗。", "If it is still weak, book a deep clean."),
              ]),
        Fault("oil-dripping", "", ("滴油", "Oil dripping"),
              causes=[
                  ("油杯满了或没装好", "The oil cup is full or not seated"),
              ],
              steps=[
                  ("倒空油杯并重新卡紧。", "Empty the oil cup and clip it back firmly."),
              ]),
        Fault("e1", "E1", ("烟灶联动失效", "Hob link not working"),
              causes=[
                  ("灶具与油烟机的无线配对丢失",
                   "The wireless pairing between hob and hood was lost"),
              ],
              steps=[
                  ("长按油烟机「联动」键5秒,再点燃灶具完成配对。",
                   "Hold LINK on the hood for 5 seconds, then light the hob to pair again."),
              ]),
    ],
)

REFRIGERATOR = ManualText(
    safety=[
        ("搬运后请静置4小时再通电,让压缩机油回流。",
         "After moving the fridge, let it stand 4 hours before switching on so the compressor "
         "oil settles."),
        ("不要在冰箱内存放易燃易爆物品,如酒精、丁烷气罐。",
         "Never store flammables such as alcohol or butane canisters inside."),
    ],
    install_note=(
        "冰箱两侧和背面各留10厘米散热空间,远离灶具和阳光直射。",
        "Leave 10 cm free at the sides and back for cooling, away from the cooker and direct sun.",
    ),
    install=[
        ("拆除包装和门把手的固定胶带。", "Remove the packaging and the tape holding the doors."),
        ("调节前脚,使冰箱略向后倾,门能自动关上。",
         "Adjust the front feet so it tilts back slightly and the doors close by themselves."),
        ("通电空箱运行2–3小时后再放食物。", "Run it empty for 2–3 hours before putting food in."),
    ],
    use=[
        ("冷藏室建议5℃,冷冻室建议−18℃。", "Set the fridge to 5 °C and the freezer to −18 °C."),
        ("热食放凉后再放入,食物之间留出空隙便于冷气流通。",
         "Let hot food cool first and leave gaps so cold air can circulate."),
        ("大量放入食物前,可开启「速冷」或「速冻」。",
         "Before a big shop, switch on FAST COOL or FAST FREEZE."),
    ],
    use_tip=(
        "减少开门次数和时间,每次开门都会让压缩机多工作几分钟。",
        "Open the doors less often and for less time: each opening costs minutes of compressor "
        "work.",
    ),
    care=[
        ("断电,取出食物放入保温箱。", "Unplug and move the food to a cool box."),
        ("取下搁架和抽屉,用温水加少量洗洁精清洗。",
         "Take out the shelves and drawers and wash them in warm soapy water."),
        ("用软布擦拭内胆和门封条,疏通冷藏室后壁的排水孔。",
         "Wipe the liner and door gaskets, and clear the drain hole at the back of the fridge."),
        ("除味滤芯每6个月更换一次;制冰机型的滤水器也按时更换。",
         "Replace the odour filter every 6 months, and the ice-maker water filter on time too."),
    ],
    care_tip=(
        "门封条可以用吹风机低温吹软后复位,恢复密封。",
        "A door gasket that has lost its seal can be softened with a hair dryer on low and "
        "pressed back.",
    ),
    specs=[
        (("电源", "Power supply"), ("220V~ 50Hz", "220 V~ 50 Hz")),
        (("气候类型", "Climate class"), ("N/ST(16–38℃)", "N/ST (16–38 °C)")),
        (("制冷剂", "Refrigerant"), ("R600a", "R600a")),
    ],
    faq=[
        (("冰箱侧面发热正常吗?", "The sides of the fridge are warm. Is that normal?"),
         ("<p>正常。冷凝管藏在侧板里,通过侧面散热。</p>",
          "<p>Yes. The condenser runs inside the side panels and gives off heat there.</p>")),
    ],
    faults=[
        Fault("not-cold", "", ("冷藏室不够冷", "Fridge not cold enough"),
              causes=[
                  ("温度设置过高或门没关严", "The setting is too warm or a door is not closing"),
                  ("散热空间不足", "Not enough space around it to shed heat"),
              ],
              steps=[
                  ("检查温度设置,确认门封条贴合。",
                   "Check the setting and that the gaskets seal."),
                  ("把冰箱往外挪,保证四周10厘米空间。", "Pull it out to leave 10 cm all round."),
                  ("24小时后仍不冷,请报修。",
                   "If it is still not cold after 24 hours, call service."),
              ]),
        Fault("e1", "E1", ("冷藏室温度传感器故障", "Fridge temperature sensor fault"),
              causes=[
                  ("传感器或线路故障", "A sensor or wiring fault"),
              ],
              steps=[
                  ("断电10分钟后重新通电;仍显示E1请报修。",
                   "Unplug for 10 minutes and plug in again; if E1 stays, call service."),
              ]),
    ],
)

TV = ManualText(
    safety=[
        ("壁挂时须使用原厂挂架并固定在实心墙上。",
         "Wall-mount only with the genuine bracket, on a solid wall."),
        ("座装时放在稳固的台面上,防止儿童攀爬拉倒。",
         "On a stand, use a sturdy surface and secure it so children cannot pull it over."),
    ],
    install_note=(
        "55英寸及以上的电视请预约师傅上门挂装,挂架另售。",
        "For 55 inches and up, book a technician to mount it; the bracket is sold separately.",
    ),
    install=[
        ("确定观看距离:约为屏幕对角线的1.5–2.5倍。",
         "Choose the viewing distance: 1.5 to 2.5 times the screen diagonal."),
        ("安装底座或挂架,连接电源和天线或网络。",
         "Fit the stand or bracket, then connect power and the aerial or network."),
        ("开机后按屏幕提示选择语言、连接Wi-Fi并登录账号。",
         "Switch on and follow the screen: language, Wi-Fi, account."),
    ],
    use=[
        ("按遥控器「主页」键进入桌面,选择应用或信号源。",
         "Press HOME on the remote for the home screen, then pick an app or an input."),
        ("按住「语音」键说出节目名即可搜索。",
         "Hold the VOICE button and say a programme's name to search."),
        ("「设置 → 图像」可切换标准、电影和护眼模式。",
         "Settings → Picture switches between standard, movie and eye-care modes."),
    ],
    use_tip=(
        "长时间不看时用遥控器关机即可,待机功耗低于0.5W。",
        "Turning it off with the remote is enough: standby draws under 0.5 W.",
    ),
    care=[
        ("关机并拔下电源插头。", "Switch off and unplug."),
        ("用干燥的超细纤维布轻擦屏幕,不要用力按压。",
         "Wipe the screen gently with a dry microfibre cloth; do not press."),
        ("顽固污渍用布蘸少量清水,拧干后擦拭,不要喷在屏幕上。",
         "For marks, dampen the cloth with a little water and wring it out; never spray the "
         "screen."),
    ],
    care_tip=(
        "不要用酒精、玻璃清洁剂擦屏幕,会损伤表面涂层。",
        "Alcohol and glass cleaner damage the screen coating.",
    ),
    specs=[
        (("电源", "Power supply"), ("100–240V~ 50/60Hz", "100–240 V~ 50/60 Hz")),
        (("分辨率", "Resolution"), ("3840 × 2160", "3840 × 2160")),
        (("接口", "Connections"), ("HDMI 2.1 ×3,USB ×2,网口", "HDMI 2.1 ×3, USB ×2, Ethernet")),
    ],
    faq=[
        (("怎样投屏?", "How do I cast from my phone?"),
         ("<p>手机和电视连同一个Wi-Fi,在视频应用中点「投屏」图标,选择这台电视。</p>",
          "<p>Put the phone and TV on the same Wi-Fi, tap the cast icon in the video app and "
          "choose this TV.</p>")),
    ],
    faults=[
        Fault("no-signal", "", ("显示「无信号」", "“No signal” on screen"),
              causes=[
                  ("信号源选错或线缆松动", "The wrong input is selected, or a cable is loose"),
              ],
              steps=[
                  ("按「信号源」键,选择正确的HDMI口。",
                   "Press INPUT and choose the right HDMI port."),
                  ("重新插紧HDMI线,重启机顶盒。",
                   "Push the HDMI cable in firmly and restart the set-top box."),
              ]),
        Fault("remote", "", ("遥控器没反应", "Remote not responding"),
              causes=[
                  ("电池没电或蓝牙配对丢失", "Flat batteries, or the Bluetooth pairing was lost"),
              ],
              steps=[
                  ("更换两节7号电池。", "Fit two new AAA batteries."),
                  ("对准电视,同时按住「主页」和「返回」键5秒重新配对。",
                   "Point at the TV and hold HOME and BACK together for 5 seconds to pair again."),
              ]),
        Fault("screen-lines", "",
              ("屏幕有亮线、暗块或花屏", "Lines, dark patches or garbled picture"),
              causes=[
                  ("屏幕或主板故障", "A panel or main-board fault"),
              ],
              steps=[
                  ("拍下屏幕照片,关机断电,不要按压屏幕。",
                   "Take a photo of the screen, switch off and do not press on the panel."),
              ],
              needs_engineer=True),
    ],
)
# fmt: on
