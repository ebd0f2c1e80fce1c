"""The quality gate on pages of sites none of our sets use (issue #19): a Thai article is not a
listing, a short news item its metadata signs and dates is an article, and video pages, schedules
and menus stay out."""

from __future__ import annotations

from newscrawler import extract_article
from newscrawler.extraction.quality import word_count
from tests.support.texts import EN

URL = "https://news.example.org/local/2024/03/12/harbour-bridge-repairs.html"


def verdict(html: str, url: str = URL) -> tuple[bool, str | None]:
    metadata = extract_article(html, url=url)["metadata"]
    return metadata["is_article"], metadata["reject_reason"]


def shell(title: str, body: str, head: str = "", sidebar: str = "") -> str:
    return f"""<html><head><title>{title}</title>{head}</head><body>
<header><nav><a href="/">Home</a> <a href="/local/">Local</a></nav></header>
<main><h1>{title}</h1>{body}</main><div class="block-views">{sidebar}</div>
<footer><p>© 2024 Example News</p></footer></body></html>"""


# Thai puts no spaces between words, only between phrases
THAI = [
    "สภาเมืองลงมติเมื่อวันอังคารให้ปิดสะพานท่าเรือเก่าเป็นเวลาสิบแปดเดือน "
    "หลังจากวิศวกรพบการกัดกร่อนอย่างรุนแรงในเสาค้ำยันเหล็กสามต้นที่รองรับพื้นสะพานหลัก",
    "กรมการขนส่งระบุว่าจะเปลี่ยนเส้นทางการจราจรไปยังถนนวงแหวน "
    "ซึ่งคาดว่าจะทำให้ผู้ขับขี่ที่เดินทางมาจากเขตทางตอนเหนือใช้เวลาเดินทางเพิ่มขึ้นประมาณสิบสองนาที"
    "ในช่วงชั่วโมงเร่งด่วน",
    "ชาวบ้านในย่านริมน้ำกล่าวว่าพวกเขาได้รับคำเตือนมาหลายปีแล้วว่าโครงสร้างของสะพานเสื่อมสภาพลง "
    "และหลายคนบอกกับที่ประชุมว่าการซ่อมแซมครั้งนี้มาช้าเกินไป",
    "นายกเทศมนตรีกล่าวว่าสภาได้จัดสรรงบประมาณสี่สิบล้านยูโรสำหรับโครงการนี้ "
    "โดยเงินส่วนใหญ่จะกู้ยืมด้วยอัตราดอกเบี้ยคงที่ และจะเพิ่มเรือข้ามฟากทุกสิบนาทีในช่วงเวลาเร่งด่วน",
    "ร้านค้าริมสะพานหลายแห่งแสดงความกังวลว่าจำนวนลูกค้าจะลดลงอย่างมากระหว่างการก่อสร้าง "
    "และเรียกร้องให้รัฐบาลท้องถิ่นให้ความช่วยเหลือทางการเงินแก่ผู้ประกอบการรายย่อย",
]
THAI_HEADLINES = [
    "ชาวประมงร้องเรียนเรื่องน้ำเสีย",
    "โรงเรียนเปิดห้องสมุดใหม่",
    "ตลาดน้ำคึกคักช่วงวันหยุด",
    "ฝนตกหนักทำให้น้ำท่วมถนน",
    "เทศบาลเพิ่มรถประจำทาง",
    "นักศึกษาจัดงานวิ่งการกุศล",
    "ราคาข้าวปรับตัวสูงขึ้น",
    "โรงพยาบาลเปิดศูนย์ใหม่",
    "สภาถกงบประมาณประจำปี",
    "ชุมชนร่วมปลูกป่าชายเลน",
    "ตำรวจจับแก๊งค้ายาเสพติด",
    "เทศกาลดนตรีริมแม่น้ำ",
]


def test_thai_words_are_counted_though_thai_puts_no_spaces_between_them():
    assert len(THAI[0].split()) == 2
    assert word_count(THAI[0]) >= 25


def test_a_thai_article_beside_a_sidebar_of_headlines_is_not_a_listing():
    # no og:type, no JSON-LD; a sidebar of a dozen linked headlines as on many news sites: its
    # paragraphs are prose by word_count, not by str.split
    body = "".join(f"<p>{p}</p>" for p in THAI)
    sidebar = "".join(
        f'<div class="views-row"><h3><a href="/journal/2024/03/{i}">{h}</a></h3>'
        f"<p>{h} ผู้สื่อข่าวรายงาน</p></div>"
        for i, h in enumerate(THAI_HEADLINES)
    )
    html = shell("สภาเมืองสั่งปิดสะพานท่าเรือเก่าสิบแปดเดือน", body, sidebar=sidebar)
    assert verdict(html, "https://news.example.or.th/journal/2024/03/80642") == (True, None)


def test_a_thai_tag_page_of_teasers_is_still_a_listing():
    teasers = "".join(
        f'<article><h2><a href="/journal/2024/03/{i}">{h}</a></h2><p>{h} อ่านต่อ</p></article>'
        for i, h in enumerate(THAI_HEADLINES)
    )
    html = shell("ข่าวท้องถิ่น", teasers)
    assert verdict(html, "https://news.example.or.th/tags/local") == (False, "listing-page")
    assert verdict(html, "https://news.example.or.th/local") == (False, "listing-page")


SIGNED_AND_DATED = (
    '<meta property="og:type" content="article">'
    '<meta name="author" content="Dana Whitfield">'
    '<meta property="article:published_time" content="2024-03-12T15:52:00Z">'
)
TWO_SENTENCES = f"<p>{EN[0]} {EN[1]}</p>"


def test_a_two_sentence_news_item_its_metadata_signs_and_dates_is_an_article():
    html = shell("Harbour bridge to close for repairs", TWO_SENTENCES, SIGNED_AND_DATED)
    assert verdict(html) == (True, None)


def test_a_two_sentence_news_item_signed_and_dated_in_json_ld_is_an_article():
    ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": '
        '"NewsArticle", "headline": "Harbour bridge to close for repairs", "datePublished": '
        '"2024-03-12T15:52:00Z", "author": {"@type": "Person", "name": "Dana Whitfield"}}'
        "</script>"
    )
    html = shell("Harbour bridge to close for repairs", TWO_SENTENCES, ld)
    assert verdict(html) == (True, None)


def test_two_sentences_without_a_byline_or_without_a_date_remain_too_short():
    unsigned = (
        '<meta property="og:type" content="article">'
        '<meta property="article:published_time" content="2024-03-12T15:52:00Z">'
    )
    undated = '<meta property="og:type" content="article"><meta name="author" content="Dana">'
    for head in (unsigned, undated):
        html = shell("Harbour bridge to close for repairs", TWO_SENTENCES, head)
        assert verdict(html) == (False, "too-short")


def test_a_video_page_with_a_one_sentence_description_stays_too_short():
    head = (
        '<meta property="og:type" content="video">'
        '<meta name="author" content="Dana Whitfield">'
        '<meta property="article:published_time" content="2024-03-12T15:52:00Z">'
    )
    body = (
        "<p>Loading...</p><p>After six months of delays and two failed inspections, crews "
        "began closing the old harbour bridge on Tuesday morning, and drivers from the northern "
        "districts queued for most of an hour at the ring road junction.</p>"
    )
    html = shell("Harbour bridge closes | Watch News Videos Online", body, head)
    assert verdict(html, "https://news.example.org/video/1747659/bridge-closes/") == (
        False,
        "too-short",
    )


def test_a_signed_and_dated_schedule_or_menu_stays_too_short():
    schedule = (
        "<p>FINANCE COMMITTEE (at City Hall, 4 Harbour Square, between Quay St. and Mill Lane)</p>"
        "<p>Tuesday, September 24, 2024 at 2:30 PM (Council Chamber, second floor, room 204)</p>"
        "<p>Monday, January 27, 2025 at 9:00 AM (at the Harbour Authority, 667 Dock Road)</p>"
        "<p>Tuesday, April 8, 2025 at 9:00 AM (at City Hall, 4 Harbour Square, Board Room)</p>"
    )
    menu = "".join(
        f"<p>{line}</p>"
        for line in (
            "Local news and weather for the harbour district",
            "Sport results and fixtures from the weekend",
            "Business and markets in the northern districts",
            "Opinion, letters and columns from our readers",
            "Arts, culture and what's on this week",
            "Obituaries and family notices.",
        )
    )
    for body in (schedule, menu):
        html = shell("Finance Committee Meetings", body, SIGNED_AND_DATED)
        assert verdict(html) == (False, "too-short")
