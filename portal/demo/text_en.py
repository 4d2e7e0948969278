"""The English words of the demo pages; portal.demo.pages builds them.

Bodies are lists of (block type, value) shaped like cms.blocks.BodyBlock. Text in braces
({phone}, {cleaning}) is filled in at build time: shop addresses carry database ids.
"""

HOME = {
    "title": "Aftercare service",
    "intro": (
        "Scan the QR code on your appliance: manuals, care reminders, extended warranties and "
        "deep cleaning, all in one place."
    ),
    "search_description": (
        "Appliance manuals, warranty lookup, extended warranties, deep cleaning and genuine parts."
    ),
    "body": [
        ("heading", "What we can do for you"),
        (
            "paragraph",
            (
                "<p>From installation and everyday use to care and repair, Aftercare looks after "
                "your appliance for its whole life. Register it to see how much warranty is left "
                "and book a visit online.</p>"
            ),
        ),
        (
            "actions",
            [
                {
                    "title": "Extend your warranty",
                    "text": "Cover after the maker's warranty, 1–3 years",
                    "link": "{warranties}",
                },
                {
                    "title": "Book a deep clean",
                    "text": "AC, range hood, washer, from ¥99",
                    "link": "{cleaning}",
                },
                {
                    "title": "Genuine filters and parts",
                    "text": "Matched to your model, with reminders",
                    "link": "{consumables}",
                },
                {
                    "title": "Our service promise",
                    "text": "2-hour response, every complaint answered",
                    "link": "{promise}",
                },
            ],
        ),
        (
            "callout",
            {
                "kind": "tip",
                "text": (
                    "<p>Can't find the model number? Look at the rating plate on the side or "
                    "back, or scan the QR code on the appliance.</p>"
                ),
            },
        ),
        ("heading", "Service hotline"),
        (
            "paragraph",
            (
                '<p>Call <b>{phone}</b>, 8:00–20:00 every day, or <a href="{contact}">contact us '
                "online</a>.</p>"
            ),
        ),
    ],
}

# Translations of text_zh.PAGES, by the same slugs.
PAGES = {
    "service-promise": {
        "title": "Our service promise",
        "intro": "We write our promises down, and make it up to you when we miss one.",
        "body": [
            ("heading", "A 2-hour response"),
            (
                "paragraph",
                (
                    "<p>Within 2 hours of a repair request or booking, a service adviser calls "
                    "you to confirm. In town we visit within 24 hours, in the countryside within "
                    "48.</p>"
                ),
            ),
            # The table of promises, from the rules the SLA job keeps (cms ServicePromisesBlock).
            ("promises", None),
            ("heading", "Every complaint answered"),
            (
                "paragraph",
                (
                    "<p>Each complaint has a named person following it up, with a proposal "
                    "within 48 hours. Track its progress with your phone number and name.</p>"
                ),
            ),
            ("heading", "Prices up front"),
            (
                "paragraph",
                (
                    "<p>You hear the rates before we come, we fit genuine parts and show the "
                    "price list. If you decline the repair, you pay only the call-out fee.</p>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "tip",
                    "text": (
                        "<p>Did we miss the 2 hours? You get points or extra warranty by our "
                        "published rules, without having to ask.</p>"
                    ),
                },
            ),
            ("heading", "We call back"),
            (
                "paragraph",
                (
                    "<p>After each visit we ask for a rating; a supervisor calls back every "
                    "unhappy customer within 48 hours.</p>"
                ),
            ),
            (
                "actions",
                [
                    {"title": "Contact us", "text": "Hotline, online, email", "link": "{contact}"},
                    {
                        "title": "Extend your warranty",
                        "text": "Peace of mind after the warranty ends",
                        "link": "{warranties}",
                    },
                ],
            ),
        ],
    },
    "warranty-policy": {
        "title": "Warranty policy",
        "intro": "How the maker's warranty and an extended plan fit together, on one page.",
        "body": [
            ("heading", "The maker's warranty"),
            (
                "paragraph",
                (
                    "<p>At least 1 year on the whole unit, 2–3 years on some models, counted "
                    "from the invoice date. Without an invoice it starts 3 months after the "
                    "manufacturing date.</p>"
                ),
            ),
            ("heading", "Extended warranty"),
            (
                "paragraph",
                (
                    "<p>A plan starts the day after the maker's warranty ends and runs 1–3 years:"
                    " on-site repair, parts and labour included. Buy one any time while the "
                    "maker's warranty runs.</p>"
                ),
            ),
            ("heading", "Cancelling"),
            (
                "paragraph",
                (
                    "<p>Full refund within 30 days of purchase; after that, pro rata for the "
                    "days left, less repairs already paid.</p>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "tip",
                    "text": (
                        "<p>Your member centre shows the warranty left on each appliance and "
                        "your plans.</p>"
                    ),
                },
            ),
            (
                "actions",
                [
                    {
                        "title": "Choose a plan",
                        "text": "AC, water heater, washer, TV, fridge",
                        "link": "{warranties}",
                    }
                ],
            ),
        ],
    },
    "care-basics": {
        "title": "Care basics",
        "intro": "A few small habits that save power and make appliances last.",
        "body": [
            ("heading", "Air conditioners"),
            (
                "paragraph",
                (
                    "<p>Wash the filters every two weeks in summer and have the unit deep "
                    "cleaned before each summer: dust on the evaporator cuts cooling and raises "
                    "the bill.</p>"
                ),
            ),
            ("heading", "Water heaters"),
            (
                "paragraph",
                (
                    "<p>Check the magnesium anode and flush out scale every 1–2 years; on gas "
                    "heaters keep the flue pipe firmly connected.</p>"
                ),
            ),
            ("heading", "Range hoods"),
            (
                "paragraph",
                (
                    "<p>Empty the oil cup when it is two-thirds full, wash the grease filters "
                    "monthly, and book a deep clean when suction drops.</p>"
                ),
            ),
            ("heading", "Water purifiers"),
            (
                "paragraph",
                (
                    "<p>Replace the PP cartridge about every 6 months, carbon every 6–12 and the "
                    "RO membrane about every 24; sooner if the TDS reading climbs.</p>"
                ),
            ),
            ("heading", "Washing machines"),
            (
                "paragraph",
                (
                    "<p>Run an empty drum-cleaning cycle monthly; leave a front-loader's door "
                    "open after use and wipe the door seal dry.</p>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "text": (
                        "<p>Always <b>unplug</b> before cleaning; turn off the gas valve before "
                        "touching a gas heater.</p>"
                    ),
                },
            ),
            (
                "actions",
                [
                    {
                        "title": "Filters and parts",
                        "text": "Genuine consumables for your model",
                        "link": "{consumables}",
                    },
                    {
                        "title": "Book a deep clean",
                        "text": "A technician comes to you",
                        "link": "{cleaning}",
                    },
                ],
            ),
        ],
    },
    "contact": {
        "title": "Contact us",
        "intro": "Phone, online or email: whichever suits you.",
        "body": [
            ("heading", "Service hotline"),
            ("paragraph", "<p><b>{phone}</b> (8:00–20:00 every day, public holidays too)</p>"),
            ("heading", "Online self-service"),
            (
                "paragraph",
                (
                    '<p><a href="{track}">Track a repair</a> with your phone number and name, '
                    "no account needed. Complaints, suggestions and praise go to the "
                    '<a href="{mailbox}">director\'s mailbox</a>, answered by a named person '
                    "within 48 hours. Sign in to see your appliances, warranties and orders.</p>"
                ),
            ),
            ("heading", "Email"),
            ("paragraph", "<p>care@aftercare.example.cn, answered within one working day.</p>"),
            (
                "callout",
                {
                    "kind": "caution",
                    "text": (
                        "<p>Use official channels only: our technicians never ask for card PINs "
                        "or SMS codes.</p>"
                    ),
                },
            ),
            (
                "actions",
                [
                    {
                        "title": "Track your service",
                        "text": "With your phone number and name",
                        "link": "{track}",
                    },
                    {
                        "title": "Director's mailbox",
                        "text": "Complaints, suggestions, praise",
                        "link": "{mailbox}",
                    },
                    {
                        "title": "Member centre",
                        "text": "Your appliances, warranties and orders",
                        "link": "{account}",
                    },
                    {
                        "title": "Our service promise",
                        "text": "A 2-hour response",
                        "link": "{promise}",
                    },
                ],
            ),
        ],
    },
}
