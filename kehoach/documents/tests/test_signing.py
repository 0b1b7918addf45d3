"""``SigningOptions``: the number, signer and recipients the office sets, over the issuer's."""

from __future__ import annotations

from kehoach.documents.decree30 import Signature
from kehoach.documents.signing import SigningOptions

COMMITTEE = Signature(authority="TM. ỦY BAN NHÂN DÂN", deputy="KT. CHỦ TỊCH", title="PHÓ CHỦ TỊCH")


def test_number_line():
    assert SigningOptions().number_line("BC-UBND") == "Số:      /BC-UBND"
    assert SigningOptions(number="7").number_line("BC-UBND") == "Số: 07/BC-UBND"
    assert SigningOptions(number="Số: 125/BC-STC").number_line("BC-UBND") == "Số: 125/BC-STC"


def test_signature_over_the_issuers():
    assert SigningOptions().signature(COMMITTEE) == COMMITTEE
    named = SigningOptions(signer_name="Nguyễn Văn An").signature(COMMITTEE)
    assert (named.deputy, named.title, named.name) == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                                                       "Nguyễn Văn An")
    head = SigningOptions(signer_deputy="").signature(COMMITTEE)
    assert (head.authority, head.deputy, head.title) == ("TM. ỦY BAN NHÂN DÂN", "", "CHỦ TỊCH")
    other = SigningOptions(signer_deputy="KT. CHỦ TỊCH", signer_title="ỦY VIÊN").signature(COMMITTEE)
    assert (other.deputy, other.title) == ("KT. CHỦ TỊCH", "ỦY VIÊN")


def test_recipients_set_or_the_usual_ones():
    assert SigningOptions().recipient_list(("Lưu: VT",)) == ["Lưu: VT"]
    assert SigningOptions(recipients=("Bộ Tài chính (b/c)",)).recipient_list(("Lưu: VT",)) == [
        "Bộ Tài chính (b/c)"]
