"""The rewards catalogue: gifts, cleaning vouchers and coupons bought with points only.

    from membership.rewards import services
    redemption = services.redeem_reward(member=profile, reward=reward, today=today)
    redemption.voucher.code  # a single-use Oscar voucher, entered in the basket

Each reward owns one Oscar voucher offer (`offers.offer_for`); each redemption is a new
single-use voucher on that offer. Pages: `urls.py` (catalogue, a reward, My vouchers).
"""
