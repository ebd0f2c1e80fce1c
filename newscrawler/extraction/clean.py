"""The text pass of boilerplate removal, after trafilatura (the DOM pass is `prune.py`).

It catches junk written as ordinary paragraphs: multilingual phrase families, widget shapes
(`widgets.py`), several kinds of family evidence at once (`lexicon/`), header lines that open a
run of teasers, short debris after the last body paragraph, and blocks a site is known to repeat
(`known_boilerplate`, hashes from `block_hash`). Whole blocks go; inside a paragraph, only whole
sentences appended at its end that name a family on their own (`junk_tail`), and a paragraph of
the story that ends in such sentences is not junk as a whole: it keeps its prose
(`_article_head`). Each removal is counted by family for the audit.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache

from newscrawler.extraction.audit import FAMILIES, Audit
from newscrawler.extraction.captions import (
    Image,
    attach_caption_line,
    is_credit_line,
    pictured_caption,
)
from newscrawler.extraction.gambling import gambling_ad
from newscrawler.extraction.lexicon import (
    ad_card_line,
    addresses_reader,
    family_cue,
    lexical_family,
)
from newscrawler.extraction.phrases import (
    BUTTON_RE,
    DATE_WORDS,
    LABEL_RE,
    PHRASE_RE,
    PROSE_END,
    header_family,
    words_of,
)
from newscrawler.extraction.quality import word_count
from newscrawler.extraction.reader_boxes import mark_polls, mark_top_comments
from newscrawler.extraction.widgets import RELATED_LABEL, widget_family

_JUNK = frozenset(FAMILIES) - {"captions", "template"}


_RULE = re.compile(r"^([_*=~—–-]{3,})\s+(?=\S)")


def _split_rule(line: str) -> list[str]:
    """A separator rule ("___") glued to the text after it stands on a line of its own."""
    match = _RULE.match(line)
    return [match.group(1), line[match.end() :]] if match else [line]


def block_hash(text: str) -> str:
    """A stable key for a text block, for blocks learned to recur across a site's pages."""
    return hashlib.sha1(" ".join(text.split()).casefold().encode()).hexdigest()[:16]


def clean_lines(
    lines: Iterable[str],
    audit: Audit,
    *,
    images: list[Image] | None = None,
    title: str | None = None,
    headlines: Iterable[str] = (),
    known_boilerplate: set[str] | frozenset[str] = frozenset(),
) -> list[str]:
    """Drop boilerplate lines from extracted text; caption lines move to `images`.

    `title` and `headlines` (the page's h1 texts) are the headline's spellings: repeated at the
    top of the text, they are dropped."""
    images = images if images is not None else []
    lines = [" ".join(line.split()) for line in lines]
    lines = [part for line in lines if line for part in _split_rule(line)]
    known_captions = {_key(t) for i in images for t in (i.caption, i.alt) if t and len(t) > 20}
    families: list[str | None] = [None] * len(lines)
    _drop_title(lines, families, _spellings(title, headlines))
    probes = [_probe(line) for line in lines]
    run: str | None = None
    run_kind = "text"
    for index, line in enumerate(lines):
        if families[index]:
            continue
        probe = probes[index]
        family = _classify(probe, known_captions, known_boilerplate)
        header = header_family(probe)
        before = families[index - 1] if index else None
        if family is None and before in _JUNK and BUTTON_RE.match(probe):
            family = before  # "Yes" / "No" under "Was this article helpful?"
        elif (
            family is None
            and run
            and _kind(line) == run_kind
            and _continues_run(line)
            and not _subheading(lines, index)
        ):
            family = run
        elif header:
            family, run, run_kind = header, header, _kind(line)
        else:
            run = None  # prose, or a block of its own family: the header's box has ended
        families[index] = family
    _labelled_sections(lines, families)
    mark_polls(probes, families)
    mark_top_comments(probes, families)
    # junk glued to a paragraph sits at the end of the story: the last few paragraphs are read,
    # and any paragraph whose junk sentences alone named a family (`_article_head`)
    unclassified = [i for i, f in enumerate(families) if f is None]
    tail_lines = set(unclassified[-_TAIL_LINES:])
    # and the last few paragraphs of prose, when a list or a table (tour dates, a fact box)
    # closes the story after them
    tail_lines.update([i for i in unclassified if _is_body(lines[i])][-_TAIL_LINES:])
    for index in unclassified:
        line = lines[index]
        own = _own_reason(probes[index])[1]
        cut = _article_head(line, own[0]) if own else None
        if cut is None and index in tail_lines:
            cut = junk_tail(line)
        if cut:
            lines[index] = line[: cut[0]].rstrip()
            audit.add(cut[1], line[cut[0] :].strip())
    _debris(probes, families)
    _datelines(probes, families)
    _sweep_tail(lines, families)
    _box_headings(lines, families)
    _ad_cards(probes, families)
    titles = _caption_titles(lines, families)
    kept = []
    previous: str | None = None
    for index, (line, family) in enumerate(zip(lines, families, strict=True)):
        if family is None:
            kept.append(line)
        else:
            if family == "captions" and index not in titles and _key(line) not in known_captions:
                attach_caption_line(images, _probe(line))
            audit.add(family, line, new_block=family != previous)
        previous = family
    return kept


def classify_block(text: str) -> str | None:
    """The boilerplate family of one block of text on its own (no context), or None."""
    reason = explain_block(text)
    return reason[0] if reason else None


@lru_cache(maxsize=16384)
def explain_block(text: str) -> tuple[str, str] | None:
    """Why one block of text on its own is boilerplate: (family, signal), or None.

    The signal names the evidence found in the block itself: a widget label it is made of, a
    phrase of the family, a photo credit, or the gambling evidence (`gambling.py`)."""
    text = " ".join(text.split())
    return _reason(_probe(text), set(), frozenset()) if text else None


def _classify(line: str, captions: set[str], known: set[str] | frozenset[str]) -> str | None:
    reason = _reason(line, captions, known)
    return reason[0] if reason else None


def _reason(
    line: str, captions: set[str], known: set[str] | frozenset[str]
) -> tuple[str, str] | None:
    label, own = _own_reason(line)
    if label:
        return label
    if captions and _key(line) in captions:
        return "captions", "an image's caption"
    if own and _article_head(line, own[0]) is None:
        return own
    if known and block_hash(line) in known:
        return "template", "learned site template"  # the site repeats it on many pages
    return None


@lru_cache(maxsize=16384)
def _own_reason(line: str) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """(widget-label reason, other reason) of a line on its own: cached, since the DOM pass
    and the text pass judge many of the same blocks, and a site repeats its widgets."""
    words = len(line.split())
    low = line.lower()  # the phrase patterns are written in lower case (phrases.Folded)
    if words <= 12:
        for family, pattern in LABEL_RE.items():
            if pattern.regex.match(low):
                return (family, "widget label"), None
    return None, _content_reason(line, low, words)


def _content_reason(line: str, low: str, words: int) -> tuple[str, str] | None:
    if is_credit_line(line):
        return "captions", "photo credit"
    if pictured_caption(line):
        return "captions", _PICTURED
    gambling = gambling_ad(line)
    if gambling:
        return "ads", gambling
    if words <= 40:
        prose = _is_prose_line(line)
        line_words = words_of(low)
        for family, pattern in PHRASE_RE.items():
            limit = 40 if family in ("newsletter", "consent", "comments", "share", "legal") else 25
            if words <= limit and (not prose or limit == 40 or words <= 12):
                match = pattern.search_lowered(low, line_words)
                if match:
                    return family, f"phrase {match.group(0)!r}"
    return widget_family(line) or lexical_family(line)


# Where a sentence ends and the next one starts (a capital, a digit, an opening mark or a symbol)
_SENTENCE_START = re.compile(
    r"(?<=[.!?…。！？])[\"”»']?\s+(?=[^\w\s]*[A-ZÀ-ÖØ-Þ0-9¿¡\"“«(]|[^\w\s,;])"
)
_TAIL_LINES = 6
# the reader addressed in the second person
_YOU = re.compile(
    r"(?<!\w)(?:you|your|vous|votre|tu|toi|t[úu]|te|du|dich|dir|dein\w*|sie|ihnen|jij|je|jou|u"
    r"|uw|ty|ci|wy|voc[êe]|usted|ustedes|vosotros|voi|ti|vi|du|dig)(?!\w)",
    re.I,
)
_PICTURED = "a picture cue and its credit"
_TAIL_FAMILIES = frozenset(["ads", "rating", "newsletter", "share", "comments", "related"])


def junk_tail(line: str) -> tuple[int, str] | None:
    """(offset, family) of junk sentences appended to a paragraph of the article ("... the
    match ended 2-1. Bet now at KingsBet and get a 50 € bonus!"): the last one or two sentences,
    forty words at most, each judged on its own, with a real paragraph before them. None when
    the paragraph ends as it should."""
    if len(line.split()) < 8:
        return None
    starts = [m.end() for m in _SENTENCE_START.finditer(line)]
    for start in reversed(starts[-2:]):
        family = _junk_from(line, start)
        if family:
            before = [s for s in starts if s < start][-1:]
            question = line[before[0] : start].strip() if before else ""
            if (
                question.endswith(("?", "!"))
                and len(question.split()) <= 8
                and _YOU.search(question)
            ):
                # the junk's own question to the reader goes with it ("What do you think? ...")
                opening = _junk_from(line, before[0])
                if opening:
                    return before[0], opening
            return start, family
    return None


def _junk_from(line: str, start: int) -> str | None:
    """The family of the sentences of `line` from `start` on, judged on their own, when they
    are junk appended to a real paragraph (`junk_tail`)."""
    head, tail = line[:start].rstrip(), line[start:].strip()
    if not 2 <= len(tail.split()) <= 40 or word_count(head) < 3 or not head.endswith(PROSE_END):
        return None
    if not _LETTER.search(tail):
        return None
    reason = _reason(tail, set(), frozenset())
    if reason and reason[0] in _TAIL_FAMILIES and reason[1] != "learned site template":
        return reason[0]
    if reason and reason[1] == _PICTURED:
        return "captions"  # "(Pictured above: ... Photograph by ...)"
    if is_credit_line(tail) and len(tail.split()) <= 12 and not _is_prose_line(tail):
        return "captions"
    return None


def _article_head(line: str, family: str) -> tuple[int, str] | None:
    """(offset, family) of the junk sentences ending a paragraph of the article, when only
    they name a family (`junk_tail`): the sentences before them are prose of the story, a
    statement of six words or more (fifteen before a photo credit: a caption's own sentence is
    shorter) that names no family on its own and has no word of the junk's vocabulary. Then
    only the junk sentences go ("... hearing is due in February. (Photo: AFP)"), wherever the
    paragraph is; a pitch opening on its own question or title ("Enjoyed this story?", "Don't
    miss out:") is one junk block. None when the paragraph is junk through and through."""
    if (family not in _TAIL_FAMILIES and family != "captions") or len(line.split()) < 8:
        return None
    starts = [m.end() for m in _SENTENCE_START.finditer(line)]
    for start in reversed(starts[-3:]):  # the shortest junk run after which prose remains
        tail_family = _junk_from(line, start)
        if tail_family is None:
            continue
        head, tail = line[:start].rstrip(), line[start:].strip()
        if tail_family == "captions" and word_count(head) < 15 and not pictured_caption(tail):
            return None  # a caption's own line before its credit is short: it goes with it
        if word_count(head) < 6 and not _source_line(head):
            return None
        if head.endswith(("?", "!", ":", "…")):
            continue  # the junk's own opening question or title ("Liked it? Share it.")
        if explain_block(head) is None and not (
            family_cue(head, tail_family) or family_cue(head, family)
        ):
            return start, tail_family
    return None


def _source_line(head: str) -> bool:
    """A short statement of the story's own, not junk's ("Originally published on Live Science."):
    three words or more, a full stop, no reader addressed."""
    return 3 <= len(head.split()) <= 8 and head.endswith(".") and not addresses_reader(head)


def _probe(line: str) -> str:
    """The text to classify: a one-cell table row without its bars, a list item without its
    bullet."""
    if line.startswith("|") and line.endswith("|") and line.count("|") <= 3:
        line = " ".join(cell.strip() for cell in line.strip("| ").split("|"))  # "| Útil | 124 |"
    if line.startswith(("- ", "• ", "* ")):
        line = line[2:]
    return line


# What a widget's counter leaves as lines of its own: "0", "12", "votes" (wpDiscuz's rating bar)
_COUNTER = re.compile(
    r"^\W*(\d+|votes?|ratings?|stimmen|bewertungen|votos|voti|stemmen|g[łl]os[óo]w|avis|comments?"
    r"|kommentare|commentaires|comentarios|commenti|reacties|komentarze)\W*$",
    re.I,
)


def _debris(probes: list[str], families: list[str | None]) -> None:
    """Bare counters right before a widget's label ("0", "0", "votes" over "Article Rating")
    belong to the widget: a number or a count word alone says nothing of the article."""
    for i in range(len(probes) - 1, 0, -1):
        family = families[i]
        if family not in _JUNK:
            continue
        j = i - 1
        while j >= 0 and families[j] is None and _COUNTER.match(probes[j]):
            families[j] = family
            j -= 1


_DATE_TOKEN = re.compile(r"[^\W\d_]+\.?|\d+", re.UNICODE)
_DATE_SHAPE = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|[^\W\d_]{3,}", re.UNICODE
)


_NUMERIC_DATE = re.compile(r"\b(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})\b")


def _plausible_date(match: re.Match) -> bool:
    """Day, month and year in some order: 22.01.2018, 01/22/2018, 2018-01-22."""
    a, b, c = (int(g) for g in match.groups())
    if len(match.group(1)) == 4:
        return 1 <= b <= 12 and 1 <= c <= 31
    return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31)


def _is_dateline(line: str) -> bool:
    """A line that is nothing but a date and time ("segunda-feira, 22 de janeiro de 2018 às 0:13",
    "November 20, 2019 - 11:28 AMT"): numbers, month and weekday names, and their glue."""
    if not _DATE_SHAPE.search(line):
        return False  # a month or weekday name, a time, or a numeric date: not a phone number
    if line.lstrip().startswith("+") or not all(
        _plausible_date(m) for m in _NUMERIC_DATE.finditer(line)
    ):
        return False  # "+81 158-23-2012": a phone number
    tokens = _DATE_TOKEN.findall(line.casefold())
    unknown = [t for t in tokens if not t.isdigit() and t.rstrip(".") not in DATE_WORDS]
    return not unknown and len(tokens) >= 2


def _datelines(lines: list[str], families: list[str | None]) -> None:
    """A line of nothing but a date among the first or last three: the page's dateline (in
    the middle of the text, "March 2024" may head a part of a timeline)."""
    for i in {*range(min(3, len(lines))), *range(max(0, len(lines) - 3), len(lines))}:
        if families[i] is None and len(lines[i].split()) <= 10 and _is_dateline(lines[i]):
            families[i] = "byline"


def _kind(line: str) -> str:
    """A table row, a list item or text: a run under a header keeps to the header's kind, so it
    ends where the box it titles ends."""
    if line.startswith("|"):
        return "table"
    return "list" if line.startswith(("- ", "• ", "* ")) else "text"


def _labelled_sections(lines: list[str], families: list[str | None]) -> None:
    """Upper-case labelled lines ("ACME – Wool from local sheep"), three or more, each with a
    label of its own and each over a body paragraph, are the subheadings of a guide's sections
    (one per brand, place or product); a teaser's label ("READ MORE: ...") repeats, or stands
    alone."""
    labelled = [
        (i, match.group(1).strip().casefold())
        for i, family in enumerate(families)
        if family == "related" and (match := RELATED_LABEL.match(lines[i]))
    ]
    if len(labelled) < 3 or len({label for _, label in labelled}) < len(labelled):
        return
    if all(
        i + 1 < len(lines) and families[i + 1] is None and _is_body(lines[i + 1])
        for i, _ in labelled
    ):
        for i, _ in labelled:
            families[i] = None


def _subheading(lines: list[str], index: int) -> bool:
    """A title of four words or less right over a body paragraph: the article's subheading (a
    teaser list's last item is a headline of its own, not a title over prose)."""
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return len(lines[index].split()) <= 4 and _is_body(following) and word_count(following) >= 25


def _continues_run(line: str) -> bool:
    """A teaser under a "Related" header: a short list item or headline, not running prose (a
    header met mid-article must not take the paragraphs after it)."""
    words = word_count(line)
    if words > 20:  # a long line goes on a run only as a list of keywords ("a, b c, d, ...")
        return line.count(",") >= 3 and words <= 4 * (line.count(",") + 1)
    return line.startswith(("- ", "• ", "* ")) or not _is_prose_line(line)


def _sweep_tail(lines: list[str], families: list[str | None]) -> None:
    """After the last body paragraph, debris between two junk blocks joins the junk: at most
    three lines at a time, each a name, a label or a date of three words or less (a user name,
    "Reply", "12 March 2024"), so that content written in short lines (a list of dates, a
    table, a source line) after an ad is never taken with it. Lines after the last junk block
    stay: a source line or a signature at the very end has nothing of the junk before it."""
    last_body = max(
        (i for i, f in enumerate(families) if f is None and _is_body(lines[i])), default=None
    )
    if last_body is None:
        return
    i = last_body + 1
    while i < len(lines):
        if families[i] not in _JUNK:
            i += 1
            continue
        family, j = families[i], i + 1
        while j < len(lines) and families[j] is None and len(lines[j].split()) <= 30:
            j += 1
        closed = j < len(lines) and families[j] in _JUNK
        if closed and j - (i + 1) <= 3:
            for k in range(i + 1, j):
                if len(lines[k].split()) <= 3 or _is_dateline(lines[k]):
                    families[k] = family
        i = j


def _caption_titles(lines: list[str], families: list[str | None]) -> set[int]:
    """A short name line right before a caption that starts with it: the image's title.

    Returns the indexes of those title lines (removed with the caption, not filed as one)."""
    titles = set()
    for i in range(len(lines) - 1):
        if families[i] is None and families[i + 1] == "captions":
            short = lines[i]
            if len(short.split()) <= 10 and _key(lines[i + 1]).startswith(_key(short)):
                families[i] = "captions"
                titles.add(i)
    return titles


def _box_headings(lines: list[str], families: list[str | None]) -> None:
    """A short heading line over two or more lines of one junk family is that box's title
    ("Morning briefing" over a newsletter pitch and its "Subscribe" button)."""
    for i in range(len(lines) - 2):
        family = families[i + 1]
        if (
            families[i] is None
            and family in _JUNK
            and families[i + 2] == family
            and len(lines[i].split()) <= 6
            and not lines[i].endswith(PROSE_END)
            and _LETTER.search(lines[i])
            and header_family(_probe(lines[i + 1])) is None  # the box has its own title
        ):
            families[i] = family
    for i in range(len(lines) - 1):  # a title with a word of the family over one junk block
        family = families[i + 1]
        if (
            families[i] is None
            and family in _JUNK
            and len(lines[i].split()) <= 6
            and not lines[i].endswith(PROSE_END)
            and family_cue(_probe(lines[i]), family)
        ):
            families[i] = family


def _ad_cards(probes: list[str], families: list[str | None]) -> None:
    """A short line right before or after a line of an ad, with a word of an ad's card of its
    own (its sponsor, age mark, offer, button), is that card's ("Sponsored by ...", "Claim my
    bonus"). The card grows a line at a time, at most five lines."""
    for _ in range(5):
        grown = False
        for i, probe in enumerate(probes):
            if families[i] is not None:
                continue
            before = families[i - 1] if i else None
            after = families[i + 1] if i + 1 < len(probes) else None
            if "ads" in (before, after) and ad_card_line(probe):
                families[i] = "ads"
                grown = True
        if not grown:
            return


_LETTER = re.compile(r"[^\W\d_]")


def _spellings(title: str | None, headlines: Iterable[str]) -> list[str]:
    """The headline's spellings: the title and the page's h1 texts. When an h1 is the title
    itself, that h1 is the headline and the page's other h1s are section headings ("Our
    history" on an "About us" page), text of the body that stays."""
    headlines = list(headlines)
    if title and title.strip() and any(_key(h) == _key(title) for h in headlines):
        return [title]
    return [title or "", *headlines]


def _drop_title(lines: list[str], families: list[str | None], titles: Iterable[str]) -> None:
    """The headline repeated at the top of the body belongs in `title`, not in the text."""
    keys = {_key(t) for t in titles if t and t.strip()}
    for i, line in enumerate(lines[:3]):
        line_key = _key(line)
        if any(
            line_key == key or (len(line_key) > 20 and key.startswith(line_key)) for key in keys
        ):
            families[i] = "title"
            return


def _is_prose_line(line: str) -> bool:
    return word_count(line) >= 15 and line.endswith(PROSE_END)


def _is_body(line: str) -> bool:
    """A line that reads as article content: a full sentence of some length, a list item that
    is one, or a row of a data table (a teaser list has neither)."""
    words = word_count(line)
    if line.startswith("|") and line.count("|") >= 4:
        return not set(line) <= set("|-: ")  # a row with cells, not the header rule
    if line.startswith(("- ", "• ")):
        return words >= 12 and line.endswith(PROSE_END)
    if words < 4 and len(line) >= 40:  # scripts without spaces between words
        return line.endswith(PROSE_END)
    return words >= 10 and line.endswith(PROSE_END)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()
