"""Demo data for `manage.py load_demo`, built through the models' own APIs.

builder.build() runs the steps in one transaction. Static tables live in data.py
(the appliance line-up), shop_data.py (plans, services, parts) and text_zh.py /
text_en.py (page copy); pictures are drawn by images.py from silhouettes.py and parts.py.
"""
