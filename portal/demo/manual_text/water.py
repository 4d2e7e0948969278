"""Appliances on the water supply: purifiers, washing machines, dishwashers."""

from .tables import Fault, ManualText

# One pair per entry, Chinese first; long strings continue on the next line.
# fmt: off
WATER_PURIFIER = ManualText(
    safety=[
        ("只能接市政自来水,进水温度5–38℃,不要接热水。",
         "Connect to mains drinking water only, 5–38 °C; never to the hot supply."),
        ("长期外出时关闭进水球阀,防止意外漏水。",
         "Close the inlet ball valve when you go away for long, in case of a leak."),
        ("请使用原厂滤芯,非原厂滤芯可能影响水质并失去保修。",
         "Use genuine cartridges only: others may spoil the water and void the warranty."),
    ],
    install_note=(
        "净水器装在厨房水槽下方,需要一个插座和排水口。免费上门安装。",
        "The purifier fits under the kitchen sink and needs a socket and a drain. Installation "
        "is free.",
    ),
    install=[
        ("预约上门安装,师傅会先检测自来水TDS值。",
         "Book a visit; the technician first measures the tap water's TDS."),
        ("接好进水、纯水和浓水管,装好专用龙头。",
         "The inlet, pure-water and waste lines are connected and the faucet fitted."),
        ("首次使用前冲洗新滤芯,放水5分钟后再饮用。",
         "New cartridges are flushed: let the water run 5 minutes before drinking."),
    ],
    use=[
        ("打开专用龙头即出纯水,关闭后机器自动停止制水。",
         "Open the faucet for pure water; the unit stops making water when you close it."),
        ("面板显示每支滤芯的剩余寿命,百分比低于10%时提醒更换。",
         "The panel shows each cartridge's remaining life and warns below 10 %."),
        ("超过两天未用,先放掉前1分钟的水。",
         "After two days unused, run the water for a minute first."),
    ],
    use_tip=(
        "浓水可以用来拖地、浇花,不要直接饮用。",
        "Waste water is fine for mopping or watering plants, not for drinking.",
    ),
    care_title=("清洁保养:更换滤芯", "Care: changing the cartridges"),
    care=[
        ("关闭进水球阀,打开龙头放掉余压,断开电源。",
         "Close the inlet valve, open the faucet to release pressure and unplug."),
        ("逆时针旋转旧滤芯90°,向外拔出。",
         "Turn the old cartridge 90° anticlockwise and pull it out."),
        ("撕掉新滤芯的保护膜,对准卡槽插入,顺时针旋紧。",
         "Peel the seal off the new cartridge, push it into the slot and turn it clockwise."),
        ("打开进水阀,通电,冲洗5分钟。", "Open the inlet valve, plug in and flush for 5 minutes."),
        ("长按「复位」键3秒,让该滤芯的寿命显示回到100%。",
         "Hold RESET for 3 seconds so that cartridge's life shows 100 % again."),
    ],
    care_tip=(
        "PP棉和活性炭滤芯约6–12个月换一次,RO反渗透滤芯约24个月换一次,水质差时要提前。",
        "Sediment and carbon cartridges last 6–12 months and the RO membrane about 24 months; "
        "sooner with poor water.",
    ),
    specs=[
        (("额定进水压力", "Inlet pressure"), ("0.1–0.4 MPa", "0.1–0.4 MPa")),
        (("纯水流量", "Pure-water flow"), ("约1.1 L/min", "about 1.1 L/min")),
        (("滤芯组合", "Cartridges"),
         ("PP棉 + 活性炭 + RO反渗透", "Sediment + carbon + RO membrane")),
    ],
    faq=[
        (("为什么制水时有浓水排出?", "Why does it drain water while purifying?"),
         ("<p>反渗透膜把杂质和盐分随浓水冲走,这是它能把水净化的原因。</p>",
          "<p>The RO membrane flushes salts and impurities away with that water; that is how "
          "it cleans the rest.</p>")),
        (("滤芯寿命没到,可以不换吗?", "Can I wait until the timer runs out?"),
         ("<p>可以,但如果出水变慢或口感变差,说明滤芯已堵,应提前更换。</p>",
          "<p>Yes, but if the flow slows or the taste changes, the cartridge is clogged and "
          "should be changed early.</p>")),
    ],
    faults=[
        Fault("filter-reminder", "", ("滤芯到期提醒灯亮", "Cartridge reminder light is on"),
              causes=[
                  ("某支滤芯的寿命已低于10%", "One cartridge has less than 10 % of its life left"),
              ],
              steps=[
                  ("看面板上哪一支滤芯在闪烁。", "See which cartridge is flashing on the panel."),
                  ("按「清洁保养」一节更换该滤芯。",
                   "Change that cartridge as described under care."),
                  ("换好后长按「复位」键3秒。", "Hold RESET for 3 seconds afterwards."),
              ]),
        Fault("low-flow", "", ("出水量变小", "Low water flow"),
              causes=[
                  ("PP棉或RO滤芯堵塞", "The sediment cartridge or RO membrane is clogged"),
                  ("自来水压力低或进水阀没全开",
                   "Low mains pressure, or the inlet valve is not fully open"),
              ],
              steps=[
                  ("确认进水球阀全开,其他龙头水压正常。",
                   "Check the inlet valve is fully open and other taps have normal pressure."),
                  ("检查滤芯寿命,到期的先更换。",
                   "Check cartridge life and replace any that are due."),
                  ("仍然很小,请预约上门保养。", "If it stays low, book a service visit."),
              ]),
        Fault("e4", "E4", ("漏水保护", "Leak protection"),
              causes=[
                  ("机器底部检测到积水", "Water detected under the unit"),
              ],
              steps=[
                  ("关闭进水球阀,拔掉电源,擦干积水。",
                   "Close the inlet valve, unplug it and dry the water."),
              ],
              needs_engineer=True),
    ],
)

WASHING_MACHINE = ManualText(
    safety=[
        ("首次使用前,务必拆下机器背面的运输螺栓,否则脱水时剧烈震动。",
         "Remove the transport bolts at the back before first use, or the spin will shake it "
         "hard."),
        ("洗涤中不要打开投放盒或强行开门,高温程序时玻璃门很烫。",
         "Do not force the door during a wash; the glass is hot on high-temperature programmes."),
        ("不要洗涤沾有汽油、酒精等易燃物的衣物。",
         "Never wash clothes soaked in petrol, alcohol or other flammables."),
    ],
    install_note=(
        "洗衣机须放在平整坚实的地面上,四脚着地。免费上门安装调平。",
        "Stand it on a firm, level floor with all four feet down; installation and levelling "
        "are free.",
    ),
    install=[
        ("拆下4颗运输螺栓,盖上随机附带的堵盖。",
         "Take out the four transport bolts and fit the caps supplied."),
        ("接好进水管,排水管出口高度不超过1米,不要插入水中。",
         "Connect the inlet hose; keep the drain outlet below 1 m and out of standing water."),
        ("调节底脚,直到机器不晃动。", "Adjust the feet until the machine does not rock."),
    ],
    use=[
        ("放入衣物,不超过额定容量,关好机门。",
         "Load the laundry, no more than the rated capacity, and close the door."),
        ("加入洗涤剂,旋钮选择程序,按「启动/暂停」。",
         "Add detergent, turn the dial to a programme and press START/PAUSE."),
        ("程序结束后及时取出衣物,门留一条缝通风。",
         "Take the laundry out when it finishes and leave the door ajar to air."),
    ],
    use_tip=(
        "滚筒洗衣机要用低泡洗衣液,泡沫太多会影响漂洗和排水。",
        "Front-loaders need low-foam detergent: too much foam spoils rinsing and draining.",
    ),
    care_title=("清洁保养:筒自洁和排水泵过滤器", "Care: drum clean and pump filter"),
    care=[
        ("每月运行一次「筒自洁」程序,可加入一瓶槽清洁剂。",
         "Run DRUM CLEAN once a month, with a bottle of drum cleaner if you like."),
        ("打开右下角小门,放出残水后逆时针拧出排水泵过滤器。",
         "Open the small flap at the bottom, drain the remaining water and unscrew the pump "
         "filter."),
        ("清除硬币、纽扣和线头,冲洗后拧回。",
         "Remove coins, buttons and fluff, rinse it and screw it back."),
        ("用软布擦干门封圈的褶皱处,防止发霉。",
         "Wipe the folds of the door seal dry to stop mould."),
    ],
    care_tip=(
        "有异味或黑斑时,可以预约师傅拆洗外筒夹层。",
        "If it smells or shows black spots, book a technician to clean between the drums.",
    ),
    specs=[
        (("额定电压", "Rated voltage"), ("220V~ 50Hz", "220 V~ 50 Hz")),
        (("额定洗涤容量", "Rated wash capacity"), ("10 kg", "10 kg")),
        (("适用水压", "Water pressure"), ("0.03–1 MPa", "0.03–1 MPa")),
    ],
    faq=[
        (("洗完衣服有白色残留怎么办?", "There is white residue on the clothes."),
         ("<p>洗衣粉过多或没溶解,减少用量或改用洗衣液,并清洗投放盒。</p>",
          "<p>Too much powder, or it did not dissolve. Use less or switch to liquid, and "
          "clean the drawer.</p>")),
    ],
    faults=[
        Fault("e21", "E21", ("排水超时", "Drain timeout"),
              causes=[
                  ("排水泵过滤器堵塞", "The pump filter is blocked"),
                  ("排水管弯折、堵塞或出口太高", "The drain hose is kinked, blocked or too high"),
              ],
              steps=[
                  ("清洗排水泵过滤器,见「清洁保养」。", "Clean the pump filter (see care)."),
                  ("理顺排水管,出口高度不超过1米。",
                   "Straighten the drain hose and keep its end below 1 m."),
                  ("选择「单脱水」程序试一次。", "Run SPIN ONLY to test."),
              ]),
        Fault("unbalanced", "E3", ("脱水不平衡,震动大", "Unbalanced spin, strong shaking"),
              causes=[
                  ("衣物缠绕成一团或只洗一件大件",
                   "Clothes tangled in a ball, or one heavy item alone"),
                  ("机器不平或运输螺栓没拆",
                   "The machine is not level, or the transport bolts are still in"),
              ],
              steps=[
                  ("暂停,把衣物抖散、摆匀后重新脱水。",
                   "Pause, shake the clothes apart, spread them out and spin again."),
                  ("确认四脚着地,调节底脚。",
                   "Check all four feet touch the floor and adjust them."),
              ]),
        Fault("e10", "E10", ("进水超时", "Water inlet timeout"),
              causes=[
                  ("水龙头没开、停水或进水阀滤网堵",
                   "The tap is closed, the water is off or the inlet strainer is blocked"),
              ],
              steps=[
                  ("确认水龙头已打开,家里有水。", "Check the tap is open and the water is on."),
                  ("关水后拆下进水管,清洗机器端的小滤网。",
                   "Turn off the tap, remove the inlet hose and clean the strainer on the "
                   "machine end."),
              ]),
    ],
)

DISHWASHER = ManualText(
    safety=[
        ("刀具刀尖朝下放入刀叉篮,防止取放时划伤。",
         "Put knives in the cutlery basket point down so you cannot cut yourself."),
        ("洗碗块和光亮剂放在儿童拿不到的地方。",
         "Keep tablets and rinse aid out of children's reach."),
    ],
    install_note=(
        "嵌入式机型须由师傅安装进橱柜,并连接进水和排水。",
        "Built-in models must be fitted into the cabinet by a technician, with water and drain "
        "connected.",
    ),
    install=[
        ("确认橱柜开口尺寸和下方的电源插座。",
         "Check the cabinet opening and the socket below it."),
        ("连接进水管和排水管,排水管最高点在40–100厘米之间。",
         "Connect the inlet and drain hoses, the drain's highest point 40–100 cm up."),
        ("首次使用前加入软水盐并加满水。",
         "Before first use, fill the salt container with salt and water."),
    ],
    use=[
        ("刮掉残渣后放入碗碟,不要遮挡喷淋臂。",
         "Scrape off leftovers and load the dishes without blocking the spray arms."),
        ("放入洗碗块,选择程序:日常洗、强力洗或节能洗。",
         "Add a tablet and choose daily, intensive or eco."),
        ("程序结束后稍等片刻再开门,让碗碟余热烘干。",
         "Wait a little before opening: the dishes dry in their own heat."),
    ],
    use_tip=(
        "节能洗耗时长,但最省水省电。",
        "Eco takes longest but uses the least water and power.",
    ),
    care=[
        ("每周取出底部过滤网,冲洗残渣后装回。",
         "Every week, take out the filter at the bottom, rinse it and refit it."),
        ("检查喷淋臂的喷孔,用牙签疏通堵塞。",
         "Check the spray-arm holes and clear blocked ones with a toothpick."),
        ("软水盐指示灯亮时补充软水盐。", "Refill salt when the salt light comes on."),
    ],
    care_tip=(
        "每月空机运行一次高温程序,去除油脂和水垢。",
        "Once a month, run a hot programme empty to clear grease and scale.",
    ),
    specs=[
        (("额定电压", "Rated voltage"), ("220V~ 50Hz", "220 V~ 50 Hz")),
        (("进水压力", "Water pressure"), ("0.04–1 MPa", "0.04–1 MPa")),
        (("噪声", "Noise"), ("≤47 dB(A)", "≤47 dB(A)")),
    ],
    faq=[
        (("碗上有白色水渍怎么办?", "There are white spots on the glasses."),
         ("<p>水质偏硬。补充软水盐,调高软水档位,并添加光亮剂。</p>",
          "<p>The water is hard. Refill salt, raise the softener setting and add rinse aid.</p>")),
    ],
    faults=[
        Fault("e1", "E1", ("进水故障", "Water inlet fault"),
              causes=[
                  ("水龙头没开或进水管弯折", "The tap is closed or the inlet hose is kinked"),
              ],
              steps=[
                  ("打开水龙头,理顺进水管。", "Open the tap and straighten the inlet hose."),
                  ("清洗进水管接头处的滤网。",
                   "Clean the strainer where the hose joins the machine."),
              ]),
        Fault("not-clean", "", ("洗不干净", "Dishes not clean"),
              causes=[
                  ("过滤网堵、喷淋臂被挡或程序太弱",
                   "A blocked filter, a blocked spray arm, or too gentle a programme"),
              ],
              steps=[
                  ("清洗过滤网和喷淋臂。", "Clean the filter and spray arms."),
                  ("重新摆放碗碟,改用强力洗。", "Rearrange the load and use intensive."),
              ]),
        Fault("e4", "E4", ("溢水保护", "Overflow protection"),
              causes=[
                  ("底盘积水,可能有漏水", "Water in the base tray: possibly a leak"),
              ],
              steps=[
                  ("关闭水龙头,拔掉电源。", "Close the tap and unplug the machine."),
              ],
              needs_engineer=True),
    ],
)
# fmt: on
