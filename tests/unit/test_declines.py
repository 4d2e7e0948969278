"""A declined card is explained in the customer's language from Stripe's decline code."""

from django.utils import translation

from payments.declines import reason


def test_names_the_reason_in_chinese():
    with translation.override("zh-hans"):
        assert reason("insufficient_funds") == "您的银行卡余额不足。"
        assert reason("expired_card") == "您的银行卡已过期。"


def test_names_the_reason_in_english():
    with translation.override("en"):
        assert reason("incorrect_cvc") == "Your card's security code is incorrect."


def test_reads_an_unknown_or_missing_code_as_a_decline():
    with translation.override("zh-hans"):
        assert reason("do_not_honor") == reason("") == reason(None) == "您的银行卡被拒绝。"
