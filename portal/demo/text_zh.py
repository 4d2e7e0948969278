"""The Chinese (zh-hans) words of the demo pages; portal.demo.pages builds them.

Bodies are lists of (block type, value) shaped like cms.blocks.BodyBlock. Text in braces
({phone}, {cleaning}) is filled in at build time: shop addresses carry database ids.
"""

HOME = {
    "title": "Aftercare 售后服务",
    "intro": "扫一扫机身二维码,说明书、保养提醒、延保和上门清洗都在这里。",
    "search_description": "家电说明书、保修查询、延保、深度清洗和原厂配件,一站式售后服务。",
    "body": [
        ("heading", "我们能为您做什么"),
        (
            "paragraph",
            (
                "<p>从安装、使用到保养和维修,Aftercare 陪伴您家电的整个生命周期。注册您的家电,"
                "随时查看保修剩余时间,在线预约上门服务。</p>"
            ),
        ),
        (
            "actions",
            [
                {
                    "title": "购买延保",
                    "text": "厂家保修结束后继续保障,1–3 年可选",
                    "link": "{warranties}",
                },
                {
                    "title": "预约深度清洗",
                    "text": "空调、油烟机、洗衣机,¥99 起",
                    "link": "{cleaning}",
                },
                {
                    "title": "原厂滤芯配件",
                    "text": "按型号匹配,到期提醒更换",
                    "link": "{consumables}",
                },
                {"title": "服务承诺", "text": "2 小时响应,投诉 100% 回复", "link": "{promise}"},
            ],
        ),
        (
            "callout",
            {
                "kind": "tip",
                "text": "<p>找不到型号?看看机身侧面或背面的铭牌,或直接扫描机身上的二维码。</p>",
            },
        ),
        ("heading", "服务热线"),
        (
            "paragraph",
            (
                "<p>全国服务热线 <b>{phone}</b>,每天 8:00–20:00。也可以<a "
                'href="{contact}">在线联系我们</a>。</p>'
            ),
        ),
    ],
}

# Content pages under the home page, in menu order, by their ASCII slug (the same in
# every language, so /zh-hans/contact/ and /en/contact/ are one page in two languages).
PAGES = {
    "service-promise": {
        "title": "服务承诺",
        "intro": "我们把承诺写下来,做不到就补偿。",
        "body": [
            ("heading", "2 小时响应"),
            (
                "paragraph",
                (
                    "<p>报修或预约提交后 2 小时内,服务顾问会与您电话确认;城区 24 小时内上门,郊县 "
                    "48 小时内上门。</p>"
                ),
            ),
            # The table of promises, from the rules the SLA job keeps (cms ServicePromisesBlock).
            ("promises", None),
            ("heading", "投诉 100% 回复"),
            (
                "paragraph",
                (
                    "<p>每一条投诉都有专人跟进,48 小时内给出处理方案;"
                    "处理进度可凭手机号和姓名自助查询。</p>"
                ),
            ),
            ("heading", "明码标价"),
            (
                "paragraph",
                (
                    "<p>上门前告知收费标准,使用原厂配件并出示价格表;不满意可以拒绝维修,"
                    "只收上门费。</p>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "tip",
                    "text": "<p>超时未响应?我们按规则补偿积分或延长保修期,无需您申请。</p>",
                },
            ),
            ("heading", "服务后回访"),
            ("paragraph", "<p>服务完成后我们会请您评分;不满意的评价,主管会在 48 小时内回访。</p>"),
            (
                "actions",
                [
                    {"title": "联系我们", "text": "热线、在线、邮件", "link": "{contact}"},
                    {"title": "购买延保", "text": "保修到期后继续安心", "link": "{warranties}"},
                ],
            ),
        ],
    },
    "warranty-policy": {
        "title": "保修政策",
        "intro": "厂家保修和延保如何衔接,一页说清。",
        "body": [
            ("heading", "厂家保修"),
            (
                "paragraph",
                (
                    "<p>整机保修 1 年起,部分型号 2–3 年,从发票日期起算;发票遗失时,从出厂日期后 3 "
                    "个月起算。</p>"
                ),
            ),
            ("heading", "延保"),
            (
                "paragraph",
                (
                    "<p>延保从厂家保修结束的次日开始,1–3 年可选,上门维修,配件和工时全包。"
                    "厂家保修期内随时可以购买。</p>"
                ),
            ),
            ("heading", "退订"),
            (
                "paragraph",
                "<p>购买后 30 天内全额退款;之后按剩余天数比例退款,扣除已发生的维修费用。</p>",
            ),
            (
                "callout",
                {
                    "kind": "tip",
                    "text": "<p>在会员中心可以查看每台家电的保修剩余时间和延保合同。</p>",
                },
            ),
            (
                "actions",
                [
                    {
                        "title": "选购延保",
                        "text": "空调、热水器、洗衣机、电视、冰箱",
                        "link": "{warranties}",
                    }
                ],
            ),
        ],
    },
    "care-basics": {
        "title": "保养常识",
        "intro": "几件小事,让家电更省电、更长寿。",
        "body": [
            ("heading", "空调"),
            (
                "paragraph",
                (
                    "<p>夏季每两周清洗一次过滤网;每年入夏前做一次深度清洗,"
                    "蒸发器积尘会让制冷变差、耗电增加。</p>"
                ),
            ),
            ("heading", "热水器"),
            (
                "paragraph",
                "<p>电热水器每 1–2 年检查镁棒、排污除垢;燃气热水器注意排烟管连接牢固。</p>",
            ),
            ("heading", "油烟机"),
            ("paragraph", "<p>油杯七分满就要倒掉;油网每月清洗一次,吸力下降时预约深度清洗。</p>"),
            ("heading", "净水器"),
            (
                "paragraph",
                (
                    "<p>PP 棉约 6 个月、活性炭 6–12 个月、RO 膜约 24 个月更换;出水 TDS "
                    "明显升高时提前更换。</p>"
                ),
            ),
            ("heading", "洗衣机"),
            ("paragraph", "<p>每月用槽清洁剂空桶洗一次;滚筒洗衣机用完后开门通风,擦干门封圈。</p>"),
            (
                "callout",
                {
                    "kind": "warning",
                    "text": "<p>清洁前务必<b>断电</b>;燃气热水器请先关闭燃气阀。</p>",
                },
            ),
            (
                "actions",
                [
                    {"title": "滤芯配件", "text": "按型号选购原厂耗材", "link": "{consumables}"},
                    {"title": "预约深度清洗", "text": "师傅上门,拆洗除菌", "link": "{cleaning}"},
                ],
            ),
        ],
    },
    "contact": {
        "title": "联系我们",
        "intro": "电话、在线、邮件,选您方便的方式。",
        "body": [
            ("heading", "服务热线"),
            ("paragraph", "<p><b>{phone}</b>(每天 8:00–20:00,节假日不休)</p>"),
            ("heading", "在线自助"),
            (
                "paragraph",
                (
                    '<p>报修进度可凭手机号和姓名<a href="{track}">在线查询</a>,无需登录;'
                    '投诉、建议和表扬请写信到<a href="{mailbox}">总经理信箱</a>,48 小时内专人回复。'
                    "登录后可查看您的家电、保修和订单。</p>"
                ),
            ),
            ("heading", "电子邮件"),
            ("paragraph", "<p>care@aftercare.example.cn,一个工作日内回复。</p>"),
            (
                "callout",
                {
                    "kind": "caution",
                    "text": "<p>请认准官方渠道:我们的师傅不会索要银行卡密码或短信验证码。</p>",
                },
            ),
            (
                "actions",
                [
                    {"title": "查询服务进度", "text": "凭手机号和姓名", "link": "{track}"},
                    {"title": "总经理信箱", "text": "投诉、建议、表扬", "link": "{mailbox}"},
                    {"title": "会员中心", "text": "我的家电、保修和订单", "link": "{account}"},
                    {"title": "服务承诺", "text": "2 小时响应", "link": "{promise}"},
                ],
            ),
        ],
    },
}
