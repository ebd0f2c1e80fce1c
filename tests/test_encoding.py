"""How page bytes become text: one decision for declared, undeclared, wrong and mixed charsets."""

from __future__ import annotations

import pytest

from newscrawler.extraction.encoding import FALLBACK, choose_encoding, decode_html, looks_binary

TEXTS = {
    "cp1252": "Il a déclaré très vite à la presse que l'hôpital où il travaille était fermé. ",
    "cp1251": "Москва — столица России, крупнейший город страны и её политический центр. ",
    "cp1253": "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας και η μεγαλύτερη πόλη της χώρας. ",
    "shift_jis": "東京は日本の首都であり、世界最大級の都市の一つである。",
    "gbk": "北京是中华人民共和国的首都，也是全国的政治和文化中心。",
}


def html(text: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body><p>{text * 30}</p></body></html>"


@pytest.mark.parametrize("codec", list(TEXTS))
def test_an_undeclared_page_is_read_in_its_own_script(codec):
    body = html(TEXTS[codec]).encode(codec)
    charset = choose_encoding(body)
    assert charset.problems == ("undeclared",)
    assert TEXTS[codec] in decode_html(body, charset.encoding)


def test_valid_utf8_wins_over_a_wrong_declaration():
    body = html(TEXTS["cp1252"]).encode()
    charset = choose_encoding(body, "text/html; charset=iso-8859-1")
    assert (charset.encoding, charset.problems) == ("utf-8", ("wrong_charset",))


def test_a_page_that_claims_utf8_but_is_latin1_is_read_byte_by_byte():
    body = html(TEXTS["cp1252"], '<meta charset="utf-8">').encode("cp1252")
    charset = choose_encoding(body)
    assert (charset.encoding, charset.problems) == (FALLBACK, ("wrong_charset",))
    assert TEXTS["cp1252"] in decode_html(body, charset.encoding)


def test_utf8_with_latin1_inserts_keeps_both():
    body = html("Zürich und Köln ").encode() + "<p>Le café crème</p>".encode("latin-1")
    charset = choose_encoding(body)
    assert charset.problems == ("mixed_encodings",)
    text = decode_html(body, charset.encoding)
    assert "Zürich" in text and "Le café crème" in text


def test_the_header_wins_over_a_conflicting_meta():
    body = html(TEXTS["cp1251"], '<meta charset="utf-8">').encode("cp1251")
    charset = choose_encoding(body, b"text/html; charset=windows-1251")
    assert charset.encoding == "cp1251" and "conflicting_charsets" in charset.problems


def test_nul_bytes_are_dropped_and_named():
    body = html("a\x00b ").encode()
    charset = choose_encoding(body)
    assert "nul_bytes" in charset.problems and "\x00" not in decode_html(body, charset.encoding)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_byte_order_marks_and_utf16_without_one_are_read(codec):
    body = html(TEXTS["cp1251"]).encode(codec)
    assert TEXTS["cp1251"] in decode_html(body, choose_encoding(body).encoding)
    assert not looks_binary(body)


@pytest.mark.parametrize(
    "body", [b"%PDF-1.7\n" + bytes(range(256)) * 8, b"\x89PNG\r\n\x1a\n", bytes(range(256)) * 16]
)
def test_binary_bodies_are_told_from_text(body):
    assert looks_binary(body)


def test_an_unknown_declared_charset_is_ignored():
    body = html(TEXTS["cp1252"]).encode()
    assert choose_encoding(body, "text/html; charset=x-no-such-thing").encoding == "utf-8"
