"""Heating and cooling: air conditioners, electric and gas water heaters."""

from .tables import Fault, ManualText

# One pair per entry, Chinese first; long strings continue on the next line.
# fmt: off
AIR_CONDITIONER = ManualText(
    safety=[
        ("空调须使用独立的接地插座,不要使用排插或延长线。",
         "Plug the air conditioner into its own earthed socket; no power strips or extension "
         "leads."),
        ("不要把手指或物品伸入出风口,风扇高速运转会造成伤害。",
         "Keep fingers and objects out of the air outlet: the fan turns at high speed."),
        ("室外机安装、移机和补充冷媒须由持证师傅高空作业完成,请勿自行操作。",
         "Installing or moving the outdoor unit and topping up refrigerant is work at height "
         "for a certified technician only."),
    ],
    install_note=(
        "本机须由厂家授权的师傅安装。首次安装免费,支架和超长铜管按公示标准收费。",
        "This unit must be installed by an authorised technician. First installation is free; "
        "brackets and extra pipe are charged at the published rates.",
    ),
    install=[
        ("预约安装:点击本页的「登记这台设备」或拨打服务热线,选择上门时段。",
         "Book the installation: tap “Register this unit” on this page or call the hotline and "
         "pick a time slot."),
        ("室内机距地面1.8米以上,避开阳光直射和热源,左右各留出15厘米。",
         "The indoor unit goes at least 1.8 m above the floor, out of direct sun and away from "
         "heat, with 15 cm clear on each side."),
        ("室外机装在通风好、便于维修的承重墙上,出风口前50厘米内不要有遮挡。",
         "The outdoor unit goes on a load-bearing wall with good airflow and service access, "
         "nothing within 50 cm of its outlet."),
        ("师傅抽真空、检漏并试机;确认制冷、制热和排水都正常后再签字验收。",
         "The technician vacuums and leak-tests the pipes and runs the unit; check cooling, "
         "heating and drainage before you sign."),
    ],
    use=[
        ("按遥控器「开/关」键开机,再按「模式」键选择制冷、制热、除湿、送风或自动。",
         "Press ON/OFF on the remote, then MODE for cool, heat, dry, fan or auto."),
        ("用「+」「−」设定温度:夏季建议26℃,冬季建议20℃。制冷时每调高1℃约省电6%。",
         "Set the temperature with + and −: 26 °C in summer, 20 °C in winter. Each degree "
         "higher when cooling saves about 6 % electricity."),
        ("用「风速」和「风向」键调整送风;夜间可开「睡眠」模式,温度会缓慢调整。",
         "Adjust the airflow with FAN and SWING; at night, SLEEP eases the temperature gently."),
    ],
    use_tip=(
        "长期不用时,先用遥控器关机,再断开电源;运行中直接拔插头会伤害压缩机。",
        "Before a long break, switch off with the remote first and then at the wall: pulling "
        "the plug while it runs strains the compressor.",
    ),
    care_title=("清洁保养:滤网和滤芯", "Cleaning and care: filters"),
    care=[
        ("关机并断电,双手掀起室内机面板,直到面板卡住。",
         "Switch off at the wall and lift the front panel with both hands until it stays up."),
        ("捏住过滤网下方的把手,轻轻上推后向下抽出两片过滤网。",
         "Hold the tab at the bottom of each filter, push up slightly and pull both filters "
         "down and out."),
        ("用吸尘器吸去灰尘,或用40℃以下的温水加中性洗涤剂冲洗,不要用硬毛刷刷洗。",
         "Vacuum off the dust, or rinse in water below 40 °C with a mild detergent; do not "
         "scrub with a hard brush."),
        ("在阴凉处晾干后装回。不要暴晒,也不要用吹风机烘干,以免滤网变形。",
         "Dry them in the shade and refit them. Sunlight or a hair dryer warps the mesh."),
        ("除甲醛活性炭滤芯不能水洗,建议每6个月更换一次,原厂滤芯见本页下方。",
         "The activated-carbon formaldehyde cartridge cannot be washed: replace it every 6 "
         "months. Genuine cartridges are listed at the bottom of this page."),
    ],
    care_tip=(
        "使用季节建议每两周清洗一次过滤网;蒸发器和风轮的深度清洗请预约师傅上门。",
        "In the cooling season, clean the filters every two weeks; for the evaporator and fan "
        "drum, book a technician's deep clean.",
    ),
    video_caption=("视频:两分钟学会清洗空调滤网", "Video: cleaning the filters in two minutes"),
    specs=[
        (("电源", "Power supply"), ("220V~ 50Hz", "220 V~ 50 Hz")),
        (("制冷剂", "Refrigerant"), ("R32", "R32")),
        (("运行温度范围", "Operating range"),
         ("制冷 −15~53℃,制热 −20~30℃", "Cooling −15 to 53 °C, heating −20 to 30 °C")),
    ],
    faq=[
        (("开机后为什么过一会儿才出冷风?", "Why does cold air take a while to come?"),
         ("<p>变频空调开机时压缩机先低速运行,通常1–3分钟后出冷风,属正常现象。</p>",
          "<p>An inverter compressor starts slowly; cold air usually comes after one to three "
          "minutes. That is normal.</p>")),
        (("制热时室外机冒白气、室内机停风,是坏了吗?",
          "In heating mode the outdoor unit steams and the fan stops. Is it broken?"),
         ("<p>不是。这是自动除霜,一般持续3–10分钟,结束后自动恢复制热。</p>",
          "<p>No. The unit is defrosting, which takes three to ten minutes; heating then "
          "resumes by itself.</p>")),
        (("运行时有轻微「咔咔」声正常吗?", "Is a light clicking sound normal?"),
         ("<p>正常。温度变化时塑料件热胀冷缩会发出轻微声响。若是持续的金属撞击声,请报修。</p>",
          "<p>Yes: plastic parts expand and contract as the temperature changes. A steady "
          "metallic knock is not normal; please call service.</p>")),
    ],
    faults=[
        Fault("e1", "E1", ("室内温度传感器故障", "Indoor temperature sensor fault"),
              causes=[
                  ("室内环境温度传感器插头松动或受潮", "The indoor sensor plug is loose or damp"),
                  ("传感器损坏", "The sensor has failed"),
              ],
              steps=[
                  ("用遥控器关机,断电3分钟后重新通电开机。",
                   "Switch off with the remote, cut the power for 3 minutes, then switch back "
                   "on."),
                  ("如果仍然显示E1,记下代码并报修,不要自行拆开室内机。",
                   "If E1 comes back, note the code and call service; do not open the indoor "
                   "unit."),
              ]),
        Fault("e4", "E4",
              ("室内机与室外机通讯故障", "Indoor and outdoor units cannot talk to each other"),
              causes=[
                  ("连接线松动、破损或被老鼠咬坏",
                   "The connecting cable is loose, damaged or chewed by rodents"),
                  ("电压不稳或室外机主板故障",
                   "Unstable mains voltage or a faulty outdoor control board"),
              ],
              steps=[
                  ("断电5分钟后重新通电,看E4是否消失。",
                   "Cut the power for 5 minutes and switch on again to see whether E4 clears."),
                  ("看室外机风扇是否转动;不要自己检查室外接线。",
                   "Check whether the outdoor fan turns; do not inspect the outdoor wiring "
                   "yourself."),
              ],
              needs_engineer=True),
        Fault("not-cooling", "", ("不制冷或制冷效果差", "Not cooling, or cooling poorly"),
              causes=[
                  ("过滤网脏堵,风量变小", "Clogged filters reduce the airflow"),
                  ("模式或温度设置不对,门窗没关",
                   "Wrong mode or temperature, or doors and windows open"),
                  ("冷媒不足(需师傅检漏)", "Low refrigerant (a technician must find the leak)"),
              ],
              steps=[
                  ("确认模式为「制冷」,设定温度低于室温。",
                   "Check the mode is COOL and the set temperature is below the room's."),
                  ("清洗过滤网,见「清洁保养」一节。",
                   "Clean the filters (see “Cleaning and care”)."),
                  ("关闭门窗,确认室外机出风口没有遮挡。",
                   "Close doors and windows and make sure nothing blocks the outdoor unit."),
                  ("运行30分钟仍然不凉,请报修。",
                   "If the room is still warm after 30 minutes, call service."),
              ]),
        Fault("water-dripping", "", ("室内机滴水", "Water dripping from the indoor unit"),
              causes=[
                  ("排水管堵塞、弯折或出口被压住",
                   "The drain hose is blocked, kinked or its end is squashed"),
                  ("滤网太脏导致蒸发器结冰,化霜时溢水",
                   "Dirty filters let the evaporator ice up and overflow as it thaws"),
                  ("室内机安装不水平", "The indoor unit is not level"),
              ],
              steps=[
                  ("关机,用毛巾接住滴水。", "Switch off and catch the drips with a towel."),
                  ("检查室外的排水管出口是否通畅、没有被压扁。",
                   "Check the drain hose outside is clear and not flattened."),
                  ("清洗过滤网后重新开机观察一小时。",
                   "Clean the filters, switch on and watch for an hour."),
                  ("仍然滴水请报修,师傅会检查水平度和排水坡度。",
                   "If it still drips, call service: the technician checks the level and the "
                   "drain slope."),
              ]),
        Fault("burning-smell", "", ("有焦糊味或冒烟", "Burning smell or smoke"),
              causes=[
                  ("电气部件过热或短路", "An electrical part is overheating or has shorted"),
              ],
              steps=[
                  ("立即用遥控器关机并断开电源,打开门窗通风。",
                   "Switch off at once, cut the power at the wall and open the windows."),
              ],
              needs_engineer=True),
    ],
)

ELECTRIC_HEATER = ManualText(
    safety=[
        ("必须使用带漏电保护的16A独立插座,并可靠接地。",
         "Use a dedicated, earthed 16 A socket protected by a residual-current device."),
        ("首次使用或排空后,先打开热水龙头注满水,再通电加热,防止干烧。",
         "Fill the tank (open a hot tap until water flows) before switching on, first time and "
         "after every draining: heating an empty tank burns out the element."),
        ("不要堵住安全阀泄压口,加热时安全阀滴水属正常。",
         "Never block the safety valve outlet; a few drips while heating are normal."),
    ],
    install_note=(
        "墙体须能承受满水重量的4倍。请由授权师傅安装,并安装随机附带的安全阀。",
        "The wall must bear four times the full tank's weight. Have it fitted by an authorised "
        "technician, with the safety valve supplied.",
    ),
    install=[
        ("预约上门安装,师傅会先检查墙体和电源。",
         "Book a visit; the technician first checks the wall and the supply."),
        ("装好挂架,挂上机器,冷水进、热水出不要接反。",
         "Fix the bracket and hang the tank; do not swap the cold inlet and hot outlet."),
        ("注满水并检查各接口无渗漏后,再通电试机。",
         "Fill with water, check every joint for leaks, then switch on for a test."),
    ],
    use=[
        ("按「开/关」键开机,用「+」「−」设定水温,日常建议50℃。",
         "Press ON/OFF and set the water temperature with + and −; 50 °C suits daily use."),
        ("需要快速出热水时按「速热」键,双管同时加热。",
         "Press QUICK HEAT when you need hot water fast: both elements heat together."),
        ("「预约」功能可设定在谷电时段加热,更省电费。",
         "Use the timer to heat during off-peak hours and save on the bill."),
    ],
    use_tip=(
        "洗浴时建议断电使用,这是多一重保护,不是必须。",
        "Some households switch off while showering as an extra precaution; it is not required.",
    ),
    care_title=("清洁保养:排污除垢和镁棒", "Care: descaling and the magnesium anode"),
    care=[
        ("断电,关闭进水阀,打开热水龙头泄压。",
         "Switch off at the wall, close the inlet valve and open a hot tap to release pressure."),
        ("拧下排污口的螺帽,放出内胆底部的水垢和沉积物。",
         "Unscrew the drain plug and let the scale and sediment run out of the tank."),
        ("打开进水阀冲洗几分钟,直到流出清水后拧回螺帽。",
         "Open the inlet valve and flush for a few minutes until the water runs clear, then "
         "refit the plug."),
        ("建议每半年排污除垢一次;水质硬的地区每3个月一次。",
         "Descale every six months, or every three months where the water is hard."),
        ("镁棒每12个月检查一次,消耗超过三分之二时更换。",
         "Check the magnesium anode every 12 months; replace it when two thirds is gone."),
    ],
    care_tip=(
        "自己不方便操作时,可以预约师傅上门除垢,同时检查镁棒和安全阀。",
        "If draining it yourself is awkward, book a descaling visit: the technician also checks "
        "the anode and the safety valve.",
    ),
    specs=[
        (("额定电压/功率", "Rated voltage / power"), ("220V~ / 3300W", "220 V~ / 3300 W")),
        (("额定压力", "Rated pressure"), ("0.8 MPa", "0.8 MPa")),
        (("防水等级", "Water protection"), ("IPX4", "IPX4")),
    ],
    faq=[
        (("安全阀滴水是漏水吗?", "The safety valve drips. Is it leaking?"),
         ("<p>加热时水受热膨胀,安全阀泄压滴水是正常的保护。</p>",
          "<p>No. Water expands as it heats and the valve lets a little out to relieve "
          "pressure.</p>")),
        (("热水有异味怎么办?", "The hot water smells. What should I do?"),
         ("<p>通常是长时间未用或镁棒需要更换。先排污冲洗,仍有异味请检查镁棒。</p>",
          "<p>Usually the tank stood unused or the anode is spent. Drain and flush it; if the "
          "smell stays, check the anode.</p>")),
    ],
    faults=[
        Fault("water-not-hot", "",
              ("水不热或热水很快用完", "Water not hot, or hot water runs out fast"),
              causes=[
                  ("设定温度过低或未到加热时段",
                   "The set temperature is low or the timer has not started heating"),
                  ("内胆水垢过多,加热变慢", "Scale in the tank slows heating"),
                  ("混水阀冷水开得太大", "The mixer lets in too much cold water"),
              ],
              steps=[
                  ("检查设定温度,临时改为60℃并按「速热」。",
                   "Check the setting; raise it to 60 °C for now and press QUICK HEAT."),
                  ("检查预约时段设置。", "Check the timer settings."),
                  ("排污除垢,见「清洁保养」。", "Drain and descale (see the care section)."),
              ]),
        Fault("e2", "E2", ("防干烧保护", "Dry-heating protection"),
              causes=[
                  ("内胆缺水或进水阀未打开", "The tank is not full or the inlet valve is closed"),
              ],
              steps=[
                  ("断电,打开进水阀和热水龙头,直到出水稳定。",
                   "Switch off, open the inlet valve and a hot tap until water flows steadily."),
                  ("重新通电。仍报E2请报修。", "Switch on again. If E2 returns, call service."),
              ]),
        Fault("e3", "E3", ("漏电保护动作", "Earth-leakage protection tripped"),
              causes=[
                  ("加热管或线路绝缘损坏", "Insulation of the element or wiring has failed"),
              ],
              steps=[
                  ("不要再次通电,关闭进水阀。",
                   "Do not switch it on again; close the inlet valve."),
              ],
              needs_engineer=True),
    ],
)

GAS_HEATER = ManualText(
    safety=[
        ("燃气热水器必须安装排烟管并伸出室外,严禁装在浴室内。",
         "The flue must run to the outside; a gas heater must never be installed in a bathroom."),
        ("闻到燃气味时,立即关闭燃气总阀、开窗通风,不要开关任何电器或使用明火。",
         "If you smell gas, close the main valve and open the windows. Do not touch any switch "
         "or use a flame."),
        ("所用燃气种类须与铭牌一致(天然气12T或液化气20Y)。",
         "Use only the gas type on the rating plate (natural gas 12T or LPG 20Y)."),
    ],
    install_note=(
        "燃气热水器须由具备燃气安装资质的师傅安装,并做气密性检测。",
        "Only a technician licensed for gas work may install it, with a gas-tightness test.",
    ),
    install=[
        ("预约上门,师傅核对燃气种类和烟道位置。",
         "Book a visit; the technician checks the gas type and the flue route."),
        ("装好机器和排烟管,排烟管略向下倾斜,防止雨水倒灌。",
         "The heater and flue are fitted, the flue sloping slightly down so rain cannot run in."),
        ("接好燃气和水路,用检漏液检查每个接口后试机。",
         "Gas and water are connected, every joint is leak-tested, then the heater is run."),
    ],
    use=[
        ("打开燃气阀和进水阀,按「开/关」键开机。",
         "Open the gas and water valves and press ON/OFF."),
        ("打开热水龙头即自动点火,用「+」「−」调水温,建议42℃左右洗浴。",
         "Open a hot tap and it lights by itself; set about 42 °C for a shower with + and −."),
        ("零冷水机型按「零冷水」键,预热管道里的冷水。",
         "On zero-cold-water models, press ZERO COLD to preheat the water in the pipes."),
    ],
    use_tip=(
        "冬季长期不用时,请排空机内存水,防止冻裂水管。",
        "Before leaving it unused in winter, drain it so the pipes cannot freeze and split.",
    ),
    care_title=("清洁保养:进水滤网和除垢", "Care: inlet strainer and descaling"),
    care=[
        ("关闭燃气阀和进水阀,打开热水龙头泄压。",
         "Close the gas and water valves and open a hot tap to release pressure."),
        ("拧下进水口的过滤网,用软刷刷去泥沙后装回。",
         "Unscrew the inlet strainer, brush off the grit and refit it."),
        ("水质硬的地区每年请师傅清洗一次热交换器水垢。",
         "Where the water is hard, have a technician descale the heat exchanger once a year."),
    ],
    care_tip=(
        "出水忽冷忽热,多半是过滤网堵了,先清洗滤网。",
        "Water that runs hot and cold in turns usually means a blocked strainer: clean it first.",
    ),
    specs=[
        (("适用燃气", "Gas type"), ("天然气 12T", "Natural gas 12T")),
        (("额定产热水能力", "Rated output"), ("16 L/min(温升25K)", "16 L/min (25 K rise)")),
        (("启动水压", "Minimum water pressure"), ("0.02 MPa", "0.02 MPa")),
    ],
    faq=[
        (("为什么开热水要等几秒才热?", "Why does hot water take a few seconds?"),
         ("<p>管道里存有冷水,需要先流出。零冷水机型可预热管道。</p>",
          "<p>The cold water in the pipes has to run out first. Zero-cold-water models can "
          "preheat the pipes.</p>")),
    ],
    faults=[
        Fault("e1", "E1", ("点火失败", "Ignition failure"),
              causes=[
                  ("燃气阀未打开或燃气已用完", "The gas valve is closed or the gas has run out"),
                  ("电池没电(电池点火机型)", "Flat batteries (battery-ignition models)"),
                  ("水压太低,未达到启动水压", "Water pressure too low to start the burner"),
              ],
              steps=[
                  ("确认燃气阀已打开,灶具能正常点火。",
                   "Check the gas valve is open and your hob lights normally."),
                  ("关闭热水龙头,再打开,重新点火。",
                   "Close the hot tap and open it again to retry."),
                  ("连续三次失败,请停止尝试并报修。",
                   "After three failures, stop trying and call service."),
              ]),
        Fault("water-not-hot", "", ("水不热或忽冷忽热", "Water not hot, or hot and cold in turns"),
              causes=[
                  ("进水过滤网堵塞,水流不稳", "A blocked inlet strainer makes the flow unsteady"),
                  ("冬季进水温度低,出水量开得太大",
                   "Cold winter inlet water and the tap opened too far"),
              ],
              steps=[
                  ("清洗进水过滤网。", "Clean the inlet strainer."),
                  ("把热水龙头开小一些,或把设定温度调高。",
                   "Open the tap less, or raise the set temperature."),
              ]),
        Fault("gas-smell", "", ("有燃气味", "Smell of gas"),
              causes=[
                  ("燃气管路或接口泄漏", "A leak in the gas pipe or a joint"),
              ],
              steps=[
                  ("关闭燃气总阀,打开门窗,离开房间后再打电话。",
                   "Close the main gas valve, open the windows, and call from outside the room."),
              ],
              needs_engineer=True),
    ],
)
# fmt: on
