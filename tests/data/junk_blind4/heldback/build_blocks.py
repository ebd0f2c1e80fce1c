"""Build blocks.json and pages.json of the fourth blind junk set (run once, by hand).

    .venv/bin/python tests/data/junk_blind4/heldback/build_blocks.py

Held-back generator: it holds the held-back blocks too, so reading it spends the held-back part.
The split into dev and held-back is decided first, from a fixed seed, before any block is made.
"""

import html
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SET = HERE.parent
sys.path.insert(0, str(HERE))
from texts import EXTRA, KIND, NEUTRAL, TEXTS  # noqa: E402
from texts2 import KIND2, MARKUP2  # noqa: E402

FAMILIES = ("ads", "rating", "helpful", "newsletter", "comments", "related", "share", "captions")
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl")
EXTRA_LANGUAGES = ("da", "ro", "hu")
# prose paragraph, inline sentence, line in a list/table, real-site markup (two shapes)
SHAPES = ("p", "i", "l", "m", "n")
SEED = "junk_blind4-2026-12-06"
WORD = re.compile(r"\w+")


# ------------------------------------------------------------------ split, before anything else


def split():
    """{(family, language, shape): part}. Per family the five shapes are put in an order shuffled
    with the seed; language number li holds back shape number (fi + li) % 5 of that order, and
    two languages per family (li - fi divisible by 4) a second one, (fi + li + 2) % 5: 10 of
    the 40 blocks of every family and every language. Extras: per family one of the three extra
    languages is held back, by turns from an offset drawn with the seed."""
    rng = random.Random(f"{SEED}-split")
    offset = rng.randrange(len(EXTRA_LANGUAGES))
    out = {}
    for fi, fam in enumerate(FAMILIES):
        order = list(SHAPES)
        rng.shuffle(order)
        for li, lang in enumerate(LANGUAGES):
            held = {order[(fi + li) % 5]}
            if (li - fi) % 4 == 0:
                held.add(order[(fi + li + 2) % 5])
            for shape in SHAPES:
                out[(fam, lang, shape)] = "heldback" if shape in held else "dev"
        held_extra = EXTRA_LANGUAGES[(fi + offset) % len(EXTRA_LANGUAGES)]
        for lang in EXTRA_LANGUAGES:
            out[(fam, lang, "x")] = "heldback" if lang == held_extra else "dev"
    return out


# ------------------------------------------------------------------------------------ markup


def esc(text):
    return html.escape(text, quote=False)


def lines(*texts):
    """The must_not lines: texts of two \\w+ words or more."""
    return [t for t in texts if len(WORD.findall(t)) >= 2]


def strip_hints(markup):
    return re.sub(r'\s(?:class|id|data-[\w-]+)="[^"]*"', "", markup)


def markup(fam, lang, m):
    """(html with class/id/data hints, must_not lines) of the family's real-site shape."""
    if fam == "ads":
        h = (
            f'<div class="ad-container native-ad" data-ad-slot="inarticle-2">'
            f'<span class="ad-label">{esc(m["label"])}</span><div class="ad-body">'
            f"<strong>{esc(m['head'])}</strong><p>{esc(m['body'])}</p>"
            f'<a class="ad-cta" href="https://ads.example.net/c/{lang}" rel="sponsored nofollow">'
            f"{esc(m['cta'])}</a></div></div>"
        )
        return h, lines(m["label"], m["head"], m["body"], m["cta"])
    if fam == "rating":
        opts = "".join(
            f'<li class="poll-option"><span class="poll-label">{esc(a)}</span> '
            f'<span class="poll-percent">{esc(b)}</span></li>'
            for a, b in m["opts"]
        )
        h = (
            f'<div class="poll-widget" data-poll-id="{lang}-2291"><h3 class="poll-question">'
            f'{esc(m["q"])}</h3><ul class="poll-results">{opts}</ul>'
            f'<p class="poll-total">{esc(m["total"])}</p></div>'
        )
        return h, lines(m["q"], *[f"{a} {b}" for a, b in m["opts"]], m["total"])
    if fam == "helpful":
        h = (
            f'<div class="article-feedback" id="feedback-box"><p class="feedback-question">'
            f'{esc(m["q"])}</p><button type="button" class="feedback-yes">{esc(m["yes"])}</button> '
            f'<button type="button" class="feedback-no">{esc(m["no"])}</button>'
            f'<p class="feedback-count">{esc(m["count"])}</p></div>'
        )
        return h, lines(m["q"], m["yes"], m["no"], m["count"])
    if fam == "newsletter":
        kind = KIND[("newsletter", "m", lang)]
        h = (
            f'<div class="{kind}-prompt" id="{kind}-banner" data-meter="2">'
            f'<p class="{kind}-head">{esc(m["head"])}</p><p>{esc(m["body"])}</p>'
            f'<a class="button {kind}-cta" href="/{kind}">{esc(m["cta"])}</a>'
            f'<p class="{kind}-login"><a href="/account">{esc(m["login"])}</a></p></div>'
        )
        return h, lines(m["head"], m["body"], m["cta"], m["login"])
    if fam == "comments":
        h = (
            f'<section class="comments-area" id="comments"><h2 class="comments-title">'
            f'{esc(m["title"])}</h2><div class="comments-loader" aria-busy="true">'
            f'{esc(m["loading"])}</div><button type="button" class="show-comments">'
            f'{esc(m["button"])}</button><p class="comments-note">{esc(m["note"])}</p></section>'
        )
        return h, lines(m["title"], m["loading"], m["button"], m["note"])
    if fam == "related":
        linked = LANGUAGES.index(lang) % 2 == 0  # half the lists link their headlines
        items = []
        for n, (kicker, headline, author, when) in enumerate(m["items"], 1):
            head = esc(headline)
            if linked:
                head = f'<a href="/news/{lang}-{n}" class="teaser-link">{head}</a>'
            items.append(
                f'<li class="teaser"><img src="/img/teaser-{lang}-{n}.jpg" alt="{esc(headline)}">'
                f'<span class="kicker">{esc(kicker)}</span> <h3 class="teaser-headline">{head}</h3>'
                f'<span class="byline">{esc(author)}</span> <time>{esc(when)}</time></li>'
            )
        h = (
            f'<section class="more-stories" data-module="recirculation"><h2 class="more-heading">'
            f'{esc(m["heading"])}</h2><ul class="teaser-list">{"".join(items)}</ul></section>'
        )
        return h, lines(m["heading"], *[it[1] for it in m["items"]], *[it[2] for it in m["items"]])
    if fam == "share":
        h = (
            f'<div class="article-tools" data-component="share"><button type="button" '
            f'class="gift-button">{esc(m["gift"])}</button><ul class="share-list">'
            f'<li><a href="https://www.facebook.com/sharer/sharer.php?u=x">{esc(m["fb"])}</a></li>'
            f'<li><a href="mailto:?subject=x">{esc(m["mail"])}</a></li>'
            f'<li><button type="button" class="copy-link">{esc(m["copy"])}</button></li></ul>'
            f'<span class="share-count">{esc(m["count"])}</span></div>'
        )
        return h, lines(m["gift"], m["fb"], m["mail"], m["copy"], m["count"])
    if fam == "captions":
        h = (
            f'<figure class="gallery-slide" data-index="3"><img src="/img/gallery-{lang}.jpg" '
            f'alt="{esc(m["caption"])}"><div class="gallery-counter">{esc(m["counter"])}</div>'
            f'<figcaption><span class="caption-text">{esc(m["caption"])}</span> '
            f'<span class="credit">{esc(m["credit"])}</span></figcaption>'
            f'<a class="gallery-open" href="/gallery">{esc(m["open"])}</a></figure>'
        )
        return h, lines(m["counter"], m["caption"], m["credit"], m["open"])
    raise ValueError(fam)


def markup2(fam, lang, m):
    """(html with class/id/data hints, must_not lines) of the family's second real-site shape."""
    if fam == "ads":
        h = (
            f'<div class="sponsored-odds" data-partner="{lang}-odds"><p class="sponsor-label">'
            f'{esc(m["label"])}</p><h4 class="odds-head">{esc(m["head"])}</h4>'
            f'<span class="odds-price">{esc(m["price"])}</span> <a class="odds-cta" '
            f'href="https://ads.example.net/odds/{lang}" rel="sponsored">{esc(m["cta"])}</a>'
            f'<p class="odds-small">{esc(m["small"])}</p></div>'
        )
        return h, lines(m["label"], m["head"], m["price"], m["cta"], m["small"])
    if fam == "rating":
        h = (
            f'<aside class="poll-promo" data-poll="{lang}-month"><strong class="promo-head">'
            f'{esc(m["head"])}</strong><p class="promo-options">{esc(m["options"])}</p>'
            f'<a class="promo-cta" href="/poll/{lang}">{esc(m["cta"])}</a> '
            f'<span class="promo-meta">{esc(m["meta"])}</span></aside>'
        )
        return h, lines(m["head"], m["options"], m["cta"], m["meta"])
    if fam == "helpful":
        buttons = "".join(
            f'<button type="button" value="{n}">{esc(w)}</button> '
            for n, w in enumerate(m["scale"], 1)
        )
        h = (
            f'<div class="article-rating" data-widget="rate"><p class="rate-q">{esc(m["q"])}</p>'
            f'<div class="rate-scale">{buttons}</div><p class="rate-count">{esc(m["count"])}</p>'
            f'<a class="report-error" href="/corrections">{esc(m["report"])}</a></div>'
        )
        return h, lines(m["q"], *m["scale"], m["count"], m["report"])
    if fam == "newsletter":
        h = (
            f'<div class="regwall" id="regwall-modal" role="dialog"><h3 class="regwall-head">'
            f'{esc(m["head"])}</h3><p class="regwall-body">{esc(m["body"])}</p>'
            f'<button type="button" class="sso-google">{esc(m["google"])}</button> '
            f'<button type="button" class="sso-email">{esc(m["email"])}</button>'
            f'<p class="regwall-login"><a href="/login">{esc(m["login"])}</a></p></div>'
        )
        return h, lines(m["head"], m["body"], m["google"], m["email"], m["login"])
    if fam == "comments":
        h = (
            f'<div class="top-comment" data-thread="{lang}-77"><h4 class="top-comment-label">'
            f'{esc(m["head"])}</h4><blockquote class="top-comment-body"><p>{esc(m["quote"])}</p>'
            f'<footer><cite>{esc(m["author"])}</cite> · <span class="likes">{esc(m["likes"])}'
            f'</span></footer></blockquote><a class="all-comments" href="#comments">'
            f"{esc(m['all'])}</a></div>"
        )
        return h, lines(m["head"], m["quote"], m["likes"], m["all"])
    if fam == "related":
        items = "".join(
            f'<li><span class="rail-title">{esc(a)}</span> <span class="rail-author">{esc(b)}'
            f"</span></li>"
            for a, b in m["items"]
        )
        h = (
            f'<aside class="opinion-rail"><h2 class="rail-heading">{esc(m["heading"])}</h2>'
            f'<ol class="rail-list">{items}</ol><a class="rail-more" href="/opinion">'
            f"{esc(m['more'])}</a></aside>"
        )
        return h, lines(
            m["heading"], *[a for a, _ in m["items"]], *[b for _, b in m["items"]], m["more"]
        )
    if fam == "share":
        h = (
            f'<div class="follow-box" data-component="follow"><p class="follow-head">'
            f'{esc(m["head"])}</p><a class="follow-gnews" href="https://news.google.com/'
            f'publications/{lang}">{esc(m["gnews"])}</a> <a class="follow-wa" '
            f'href="https://whatsapp.com/channel/{lang}">{esc(m["wa"])}</a> '
            f'<span class="follow-count">{esc(m["count"])}</span></div>'
        )
        return h, lines(m["head"], m["gnews"], m["wa"], m["count"])
    if fam == "captions":
        h = (
            f'<figure class="video-embed" data-video-id="{lang}-clip"><div class="video-player">'
            f'<button type="button" class="play" aria-label="Play">▶</button> '
            f'<span class="video-duration">{esc(m["duration"])}</span></div><figcaption>'
            f'<span class="video-title">{esc(m["title"])}</span> <span class="video-credit">'
            f'{esc(m["credit"])}</span></figcaption><p class="video-next">{esc(m["next"])}</p>'
            f"</figure>"
        )
        return h, lines(m["title"], m["credit"], m["next"])
    raise ValueError(fam)


def in_list(fam_index, lang_index, lang, line):
    """(form, html) of a junk line among neutral article lines: a list or a table, by turns."""
    items, rows = NEUTRAL[lang]
    if (fam_index + lang_index) % 2 == 0:
        lis = [f"<li>{esc(x)}</li>" for x in items[:2]] + [f"<li>{esc(line)}</li>"]
        lis.insert(fam_index // 2 % 3, f"<li>{esc(items[2])}</li>")
        return "ul_line", f"<ul>{''.join(lis)}</ul>"
    trs = [f"<tr><td>{esc(a)}</td><td>{esc(b)}</td></tr>" for a, b in rows]
    trs.append(f'<tr><td colspan="2">{esc(line)}</td></tr>')
    return "table_line", f"<table><tbody>{''.join(trs)}</tbody></table>"


def prose(shape, fam_index, lang_index, lang, text):
    if shape == "p":
        return "p_prose", f"<p>{esc(text)}</p>"
    if shape == "i":
        return "inline", " " + esc(text)
    return in_list(fam_index, lang_index, lang, text)


def kind_of(fam, shape, lang):
    if shape == "n":
        return KIND2[fam]
    return KIND.get((fam, shape, lang)) or KIND.get((fam, shape)) or fam


def build():
    parts = split()
    blocks = {"dev": [], "heldback": []}
    for fi, fam in enumerate(FAMILIES):
        for li, lang in enumerate(LANGUAGES):
            t = TEXTS[fam][lang]
            for s, shape in enumerate(SHAPES, 1):
                hinted = False
                if shape in ("m", "n"):
                    if shape == "m":
                        h, must = markup(fam, lang, t["m"])
                        hinted = (fi + li) % 2 == 0
                    else:
                        h, must = markup2(fam, lang, MARKUP2[fam][lang])
                        hinted = (fi + li) % 2 == 1
                    if not hinted:
                        h = strip_hints(h)
                    form = "markup_" + kind_of(fam, shape, lang)
                else:
                    form, h = prose(shape, fi, li, lang, t[shape])
                    must = [t[shape]]
                part = parts[(fam, lang, shape)]
                blocks[part].append(
                    {
                        "id": f"{fam}-{lang}-{s}",
                        "extra": False,
                        "family": fam,
                        "kind": kind_of(fam, shape, lang),
                        "language": lang,
                        "part": part,
                        "form": form,
                        "shape": f"{fam}_{shape}",
                        "wp_class": hinted,
                        "html": h,
                        "must_not": must,
                    }
                )
        for xi, lang in enumerate(EXTRA_LANGUAGES):
            text = EXTRA[lang][fam]
            shape = SHAPES[(fi + xi) % 3]
            form, h = prose(shape, fi, xi, lang, text)
            part = parts[(fam, lang, "x")]
            blocks[part].append(
                {
                    "id": f"{fam}-{lang}-x",
                    "extra": True,
                    "family": fam,
                    "kind": fam,
                    "language": lang,
                    "part": part,
                    "form": form,
                    "shape": f"{fam}_{shape}",
                    "wp_class": False,
                    "html": h,
                    "must_not": [text],
                }
            )
    return blocks


def assign(part, blocks, hosts):
    """One page per block: hosts and slots top/mid/end dealt round-robin from lists shuffled with
    a fixed seed; inline blocks go inside the last paragraph (inlast)."""
    rng = random.Random(f"{SEED}-{part}-pages")
    hs = sorted(hosts)
    rng.shuffle(hs)
    slots = ["top", "mid", "end"]
    order = list(blocks)
    rng.shuffle(order)
    pages, k = [], 0
    for n, b in enumerate(order):
        if b["form"] == "inline":
            slot = "inlast"
        else:
            slot = slots[k % 3]
            k += 1
            if k % 3 == 0:
                rng.shuffle(slots)
        pages.append({"page": b["id"], "block": b["id"], "host": hs[n % len(hs)], "slot": slot})
    return sorted(pages, key=lambda p: p["page"])


def main():
    import gzip

    with gzip.open(SET / "hosts.jsonl.gz", "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    blocks = build()
    for part, bs in blocks.items():
        hosts = [r["id"] for r in rows if r["part"] == part]
        out = SET / part
        out.mkdir(exist_ok=True)
        (out / "blocks.json").write_text(
            json.dumps(bs, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        pages = {
            "part": part,
            "assignment": (
                f'hosts cycled and slots top/mid/end dealt from lists shuffled with random.Random("'
                f'{SEED}-{part}-pages"); inline forms go inside the last paragraph (inlast)'
            ),
            "pages": assign(part, bs, hosts),
        }
        (out / "pages.json").write_text(
            json.dumps(pages, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(part, len(bs), "blocks")


if __name__ == "__main__":
    main()
