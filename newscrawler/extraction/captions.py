"""Photo captions and credits: read from the markup into `images`, kept out of the body text.

Captions arrive two ways: as markup (`<figcaption>`, caption/credit classes), taken out of the
tree before extraction, and as plain lines that end with a photo credit ("(AP Photo/Alex
Brandon)", "(Matt Rourke/AP)", "Foto: dpa") or repeat an image's alt text, found after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin

from lxml.html import HtmlElement

_AGENCIES = (
    r"AP|AFP|Reuters|Getty Images?|Getty|PA(?: Wire| Media)?|EPA(?:-EFE)?|EFE|dpa|Bloomberg|Shutterstock"
    r"|Alamy|NurPhoto|Sipa(?: USA)?|ZUMA(?: Press| Wire)?|Xinhua|Anadolu(?: Agency)?|Pool|IMAGO|imago"
    r"|picture(?: |-)alliance|Keystone|Europa Press|ANSA|Kyodo|Yonhap|TASS|Unsplash|iStock(?:photo)?"
    r"|AAP|CP|SOPA Images|LightRocket|WireImage|FilmMagic|Invision|UPI|Rex Features|REX"
    # the national wire and photo agencies of the languages the cleaner reads
    r"|ANP|Belga|APA|PAP|LaPresse|Lusa|Ag[êe]ncia Brasil|Folhapress|Estad[ãa]o Conte[úu]do|Agencja Gazeta"
    r"|Forum|Hollandse Hoogte|Fotolia|Adobe Stock|Bestimage|Abaca(?:press)?|Hans Lucas|Sipa Press"
)
_WORD = (
    r"(?:Photo(?:graph)?|Picture|Image|Foto|Fot[óo]|Bild|Credit|Cr[ée]dit(?:o)?(?: photo)?|Fotograf[íi]a|Imagen"
    # "Crédito da foto", "Crédito de la imagen", "Credito fotografico"
    r"|Cr[ée]dito (?:da |de la |de |della )?(?:foto|fotograf[íi]a|imagem|imagen|immagine)|Credito fotografico"
    r"|Imagem|Beeld|Zdj[ęe]cie|Source|Quelle|Symbolbild|Archivbild|Archivfoto|Archiefbeeld"
    r"|Foto ilustrativa|Reprodu[çc][ãa]o|[ŹZ]r[óo]d[łl]o(?: zdj[ęe]cia)?)s?"
)
# A photo credit closing a caption line; group "credit" is the credit without its brackets.
CREDIT_RE = re.compile(
    r"(?:\(\s*(?P<credit>"
    rf"(?:(?:{_AGENCIES}) (?:Photo|Images?|Pool|Foto)(?:\s*/\s*[^()]{{2,60}})?)"  # (AP Photo/Alex Brandon)
    rf"|(?:[^()]{{2,60}}?\s*/\s*(?:{_AGENCIES})(?: via (?:{_AGENCIES}))?(?: [A-Z][\w.]*)?)"  # (Matt Rourke/AP)
    rf"|(?:{_WORD}(?: credit)?\s*[:/]\s*[^()]{{2,60}})"  # (Photo: Reuters)
    rf"|(?:{_WORD} (?:{_AGENCIES})(?:\s*/\s*[^()]{{2,60}})?)"  # (Foto ANSA/Ettore Ferrari)
    rf"|(?:{_AGENCIES})"  # (Getty Images)
    r")\s*\)"
    rf"|(?:^|(?<=[.!?]\s)|(?<=\|\s)|(?<=[-–—]\s))(?P<credit2>{_WORD}(?: credit)?\s*:\s*[^.!?]{{2,80}}"
    r"|Fot\. [^.!?]{2,80})"
    r"|(?P<credit3>©\s*[^.!?]{2,80}|\[(?:사진|写真|Фото|Photo|Foto)\s*[=:：][^\]]{1,80}\])"
    rf"|(?:^|(?<=[.!?]\s))(?P<credit4>(?:Photo|Foto|Image|Bild)(?: cedida)? (?:by|von|de|par|por|di|da|van|door) [^.!?]{{2,60}})"
    r")\s*\.?\s*$"
)
# What every credit CREDIT_RE finds contains: a closing bracket at the end, ©, or a credit word.
_MAY_CREDIT = re.compile(rf"[)\]]\s*\.?\s*$|©|{_WORD}|Fot\. ")
_CAPTION_CLASS = re.compile(
    r"(?<![a-z])(caption|figcaption|wp-caption-text|credit|copyright|photographer|image-source"
    r"|media-credit|bildunterschrift|legende|l[ée]gende|pie-?de-?foto)",
    re.I,
)
_CREDIT_CLASS = re.compile(r"(credit|copyright|photographer|source|quelle|autor)", re.I)
MAX_CAPTION_WORDS = 70


@dataclass
class Image:
    """An image of the article with its caption and credit; `alt` helps spot caption lines."""

    url: str | None
    caption: str | None = None
    credit: str | None = None
    alt: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"url": self.url, "caption": self.caption, "credit": self.credit}


def split_credit(text: str) -> tuple[str | None, str | None]:
    """("US President Joe Biden ... (AP Photo/Alex Brandon)") -> (caption, "AP Photo/Alex Brandon")."""
    text = " ".join(text.split())
    bare = _BARE_CREDIT.search(text)
    if bare:
        return text[: bare.start()].rstrip(" -–—|:,") or None, bare.group("bare")
    match = CREDIT_RE.search(text)
    if not match:
        return text or None, None
    credit = next(g for g in match.group("credit", "credit2", "credit3", "credit4") if g)
    caption = text[: match.start()].rstrip(" -–—|:,") or None
    return caption, credit.strip()


def is_credit_line(line: str) -> bool:
    """A short line that ends with a photo credit: a caption that reached the body text."""
    short = len(line.split()) <= MAX_CAPTION_WORDS
    if short and any(word in line for word in _BARE_WORDS) and _BARE_CREDIT.search(line):
        return True  # "Beeld Frank Uijlenbroek", "(Foto Studio Bergamini)": credit word + a name
    return short and _MAY_CREDIT.search(line) is not None and CREDIT_RE.search(line) is not None


# A caption told in prose: it opens on where the picture is ("Pictured above:", "Notre photo :",
# "Nella foto") and names who took it ("Photograph by ...", "Cliché ...", "foto di ...")
_PICTURE_CUE = re.compile(
    r"^\W*(?:pictured(?: above| below| left| right| here| top)?|(?:in )?(?:the|our|this) (?:photo|picture|image)"
    r"|(?:notre|sur la|sur notre|en) photo|(?:auf (?:dem|unserem)|im|unser) (?:foto|bild)"
    r"|(?:en la|nuestra|la) (?:foto|imagen)|(?:nella|in|la) foto(?: (?:in alto|sopra|sotto))?"
    r"|(?:na|nossa) (?:foto|imagem)|(?:op de|onze) foto|(?:na|nasze) zdj[ęe]ciu|p[åa] (?:bilden|fotot)"
    r"|na (?:fotografii|sn[íi]mku)|foto[ğg]rafta|sobre estas l[íi]neas|en la imagen superior)\b",
    re.I,
)
_PICTURE_CREDIT = re.compile(
    r"(?<!\w)(?:photo(?:graph)?s?|foto(?:s|grafie|graf[íi]a)?|image|picture|clich[ée]|beeld|bild"
    r"|zdj[ęe]cie|fot\.|cr[ée]dit[os]?)(?:\s+(?:by|von|de|par|por|di|da|van|door|av|od)\s+|\s*[:/]\s*"
    r"|\s+(?=[A-ZÀ-ÖØ-ÞŁŚŻŹĆ]))\S"
    rf"|(?<!\w)(?:{_AGENCIES})\W*$|[/(]\s*(?:{_AGENCIES})(?!\w)|©",
    re.I,
)


def pictured_caption(line: str) -> bool:
    """A caption written as a sentence or two, in brackets or not: a picture cue in front and
    a credit inside ("(Pictured above: the new hall. Photograph by Jane Roe for the Courier.)");
    the cue alone is prose ("Pictured above the fireplace is ...")."""
    cue = _PICTURE_CUE.match(line)
    if cue is None or len(line.split()) > 45:
        return False
    return _PICTURE_CREDIT.search(line, cue.end()) is not None


# Every credit word of `_BARE_CREDIT` holds one of these: a cheap test before the pattern
_BARE_WORDS = ("Photo", "Fot", "Beeld", "Bild", "Zdj", "Credit", "Crédit")
# A credit word and a name (capitalised words, an agency), nothing else, as a line of its own
_BARE_CREDIT = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\s)(?=\())\(?(?P<bare>(?:Photo|Foto|Fotos|Beeld|Bild|Fot\.|Zdj[ęe]cie|Credit|Cr[ée]dit(?:o)?|Fotograf[íi]a"
    r"|Foto(?:grafie)?)\s+(?:[A-ZÀ-ÖØ-ÞŁŚŻŹĆ][\w.'’-]*|/|&|di|de|van|von|y|e)"
    r"(?:\s+(?:[A-ZÀ-ÖØ-ÞŁŚŻŹĆ][\w.'’-]*|/|&|di|de|van|von|y|e)){0,6})\)?\.?$"
)


def take_images(tree: HtmlElement, base_url: str | None) -> tuple[list[Image], list[str]]:
    """Collect figures with their captions and drop the caption markup from the tree.

    Returns the images and the caption texts removed from the tree.
    """
    images: list[Image] = []
    removed: list[str] = []
    caption_elements = [
        el
        for el in tree.iter("figcaption", "div", "span", "p", "small", "cite", "em")
        if el.tag == "figcaption" or _is_caption_class(el.get("class"))
    ]
    by_figure: dict[HtmlElement, int] = {}
    for img in tree.iter("img"):
        holder = _image_holder(img)
        if holder is None or holder in by_figure:
            continue
        alt = " ".join((img.get("alt") or "").split()) or None
        by_figure[holder] = len(images)
        images.append(Image(url=_src(img, base_url), alt=alt))
    chosen = set(caption_elements)
    if _gallery(tree, caption_elements, chosen):
        return images, []  # the captions are the story: they stay in the text
    for element in caption_elements:
        if element.getparent() is None or any(a in chosen for a in element.iterancestors()):
            continue
        text = _caption_text(element)
        if not text or len(text.split()) > MAX_CAPTION_WORDS:
            continue
        index = _figure_index(element, by_figure)
        if index is None and _untied_prose(element, text):
            continue  # a class name alone: a lead or a description, not an image's caption
        credit = None
        credit_el = next(
            (
                c
                for c in element.iter()
                if c is not element and _CREDIT_CLASS.search(c.get("class") or "")
            ),
            None,
        )
        if credit_el is not None:
            credit = " ".join(credit_el.text_content().split()) or None
            text = text.replace(credit or "", "").strip()
        if _CREDIT_CLASS.search(element.get("class") or "") and not _names_caption(element):
            caption, credit = None, credit or text
        else:
            caption, found = split_credit(text)
            credit = credit or found
        _attach(images, index, caption, credit)
        removed.append(" ".join(element.text_content().split()))
        element.drop_tree()
    return images, removed


def _gallery(tree: HtmlElement, captions: list[HtmlElement], chosen: set[HtmlElement]) -> bool:
    """A gallery told in its captions ("30 costumes", each photo described in a few sentences):
    the captions of two sentences or more hold more running text than twice the page's other
    paragraphs, so taking them out would leave the intro alone."""
    told = 0
    for caption in captions:
        text = " ".join(caption.text_content().split())
        if len(_SENTENCE.findall(text)) >= 2:
            told += len(text.split())
    if told < 150:
        return False
    rest = 0
    for paragraph in tree.iter("p"):
        words = len(paragraph.text_content().split())
        if words >= 15 and not any(a in chosen for a in paragraph.iterancestors()):
            rest += words
    return told > 2 * rest


_SENTENCE = re.compile(r"\w[.!?…][\"”’»)]?(?:\s|$)")


def _untied_prose(element: HtmlElement, text: str) -> bool:
    """A caption-classed box that is no <figcaption>, holds no image, ends with no credit, and
    whose text has a paragraph of running prose (the description under a video, a teaser's
    lead): nothing but its class says it is a caption."""
    if element.tag == "figcaption" or element.find(".//img") is not None:
        return False
    if CREDIT_RE.search(text) is not None:
        return False
    for paragraph in element.iter("p"):
        words = " ".join(paragraph.text_content().split())
        if len(words.split()) >= 20 and words.endswith((".", "!", "?", "…", '"', "”", "»")):
            return True
    return False


def attach_caption_line(images: list[Image], line: str) -> None:
    """File a caption line found in the text under the image it describes."""
    caption, credit = split_credit(line)
    for image in images:
        if image.caption and caption and _key(image.caption) == _key(caption):
            image.credit = image.credit or credit
            return
    _attach(images, None, caption, credit)


def _attach(
    images: list[Image], index: int | None, caption: str | None, credit: str | None
) -> None:
    if index is not None and index < len(images) and not images[index].caption:
        target = images[index]
    else:
        target = next((i for i in images if not i.caption and not i.credit), None)
        if target is None:
            target = Image(url=None)
            images.append(target)
    target.caption = target.caption or caption
    target.credit = target.credit or credit


def _figure_index(element: HtmlElement, by_figure: dict[HtmlElement, int]) -> int | None:
    for holder in (element, *element.iterancestors()):
        if holder in by_figure:
            return by_figure[holder]
    return None


def _image_holder(img: HtmlElement) -> HtmlElement | None:
    """The figure, caption box or paragraph an article image sits in; None for other images
    (logos, icons, avatars in the chrome) and for images too small to be photos."""
    for size in (img.get("width"), img.get("height")):
        if size and size.isdigit() and int(size) < 100:
            return None
    for depth, ancestor in enumerate(img.iterancestors()):
        if ancestor.tag == "figure" or _is_caption_class(ancestor.get("class")):
            return ancestor
        if ancestor.tag == "p":
            return img
        if depth >= 3 or ancestor.tag in ("body", "article", "main", "section"):
            return None
    return None


def _caption_text(element: HtmlElement) -> str:
    """The caption's text, blocks separated by a space; a short title line that the next line
    repeats ("President Joe Biden" / "President Joe Biden joined ...") is left out."""
    pieces: list[str] = []
    _block_text(element, pieces)
    blocks = [" ".join(t.split()) for t in "".join(pieces).split("\n")]
    blocks = [b for b in blocks if b]
    kept = [
        b
        for i, b in enumerate(blocks)
        if not (i + 1 < len(blocks) and blocks[i + 1].startswith(b) and len(b.split()) <= 10)
    ]
    return " ".join(kept)


def _names_caption(element: HtmlElement) -> bool:
    return "caption" in (element.get("class") or "").lower() or element.tag == "figcaption"


def _src(img: HtmlElement, base_url: str | None) -> str | None:
    for attr in ("src", "data-src", "data-original", "data-lazy-src", "srcset", "data-srcset"):
        value = (img.get(attr) or "").strip()
        if value and not value.startswith("data:"):
            value = value.split(",")[0].split()[0]
            return urljoin(base_url or "", value)
    return None


_BLOCKS = frozenset(["p", "div", "br", "li", "cite", "small", "h2", "h3", "h4", "h5", "h6"])


def _block_text(element: HtmlElement, pieces: list[str]) -> None:
    """Text with a line break around each block (or label-like inline) element."""
    pieces.append(element.text or "")
    for child in element:
        if not isinstance(child.tag, str):
            pieces.append(child.tail or "")
            continue
        block = child.tag in _BLOCKS or bool(_CREDIT_CLASS.search(child.get("class") or ""))
        pieces.append("\n" if block else "")
        _block_text(child, pieces)
        pieces.append(("\n" if block else "") + (child.tail or ""))


@lru_cache(maxsize=4096)
def _is_caption_class(value: str | None) -> bool:
    return bool(value) and _CAPTION_CLASS.search(value) is not None


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()
