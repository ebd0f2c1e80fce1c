"""Write blocks.json and pages.json of the third blind junk set (run once, by hand).

WARNING: this file holds the held-back blocks too. Whoever tunes the cleaner must not open it
(nor heldback/); tune on dev/blocks.json only.

    .venv/bin/python tests/data/junk_blind3/heldback/build_blocks.py

Written before any scoring by a helper that did not read the cleaner. Each family has four
markup shapes modelled on how widely used CMS plugins and embeds emit their widgets (comment
forms, share bars, rating widgets, helpfulness prompts, subscribe forms, related-post and
sponsored-link blocks, casino affiliate boxes, image captions and credits); the markup and all
wordings are this file's own. Shape 1 always carries plugin-like class/id/data-* hints; shapes
2 and 3 carry them in every other language and are otherwise the same markup with those
attributes stripped; shape 4 is prose (a sentence appended inside the last paragraph,
``inline``, in en/fr/it/nl/sv, a plain ``<p>`` elsewhere). ``must_not`` is derived from each
block's HTML (lxml): the plain-text lines of the block (text runs between block elements and
``<br>``, a table row's cells joined, buttons, labels and options on their own) of two ``\\w+``
words or more. One block of every family x language goes to ``heldback`` (block number
``(family index + language index + 1) % 4 + 1``), the other three to ``dev``. A small extra
group in sv, cs and tr (``extra``: true, ids ending in ``-x``) has one block per family and
language, one shape each; per family the block in extra language number ``family index % 3``
is held back.
"""

# ruff: noqa: E501, RUF001  (the blocks are literal data)

import gzip
import json
import random
import re
from pathlib import Path

import lxml.html

HERE = Path(__file__).resolve().parent.parent  # the set: this script lives in heldback/
FAMILIES = ("ads", "rating", "helpful", "newsletter", "comments", "related", "share", "captions")
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl")
INLINE_LANGS = ("en", "fr", "it", "nl", "sv")
SEED = "junk_blind3-{part}-2026-12-06"
SVG = '<svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2l3 7h7l-5.5 4 2 7-6.5-4.5L5.5 20l2-7L2 9h7z"></path></svg>'
_HINT = re.compile(
    r'\s(?:class|id|data-[\w-]+|aria-describedby|itemprop|itemscope|itemtype)(?:="[^"]*")?(?=[\s>/])'
)


def plain(html):
    """The same markup without class, id, data-* and microdata hints."""
    return _HINT.sub("", html)


# ------------------------------------------------------------------------------ templates
# Each returns (form, html-with-hints). Texts come from the tables below.


def ads_1(t):
    rows = "".join(
        f'<div class="cab-row" data-rank="{i}"><span class="cab-rank">{i}</span> <img class="cab-logo" src="/wp-content/uploads/{b.lower().replace(" ", "-")}.png" alt="{b}" width="120" height="40"> '
        f'<div class="cab-offer"><strong class="cab-brand">{b}</strong> <span class="cab-bonus">{o}</span></div>'
        f'<a class="cab-cta button" href="https://go.example/{b.lower().replace(" ", "")}" rel="nofollow sponsored noopener" target="_blank">{cta}</a></div>'
        for i, (b, o, cta) in enumerate(t["rows"], 1)
    )
    return "div_nested", (
        f'<div class="cab-toplist" data-affiliate-widget="toplist" data-geo="{t["geo"]}"><div class="cab-head">{t["head"]}</div>{rows}'
        f'<p class="cab-terms"><small>{t["terms"]}</small></p></div>'
    )


def ads_2(t):
    head = "".join(f"<th>{h}</th>" for h in t["cols"])
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in t["rows"])
    return "table", (
        f'<div class="odds-widget" data-event-id="{t["event"]}"><table class="odds-table"><thead><tr>{head}</tr></thead>'
        f'<tbody>{body}</tbody></table><p class="odds-disclaimer"><span class="age-badge">18+</span> {t["note"]}</p></div>'
    )


def ads_3(t):
    return "form", (
        f'<div class="promo-code-box" data-code="{t["code"]}"><div class="promo-title">{t["title"]}</div>'
        f'<div class="promo-row"><label for="pc1">{t["label"]}</label> <input id="pc1" type="text" readonly value="{t["code"]}"> '
        f'<button type="button" class="promo-copy" data-clipboard-text="{t["code"]}">{t["copy"]}</button></div>'
        f'<ul class="promo-facts"><li>{t["facts"][0]}</li><li>{t["facts"][1]}</li></ul>'
        f'<a class="promo-cta" href="https://go.example/promo" rel="sponsored">{t["cta"]}</a></div>'
    )


def rating_1(t):
    stars = "".join(
        f'<div class="kksr-star" data-star="{i}"><div class="kksr-icon">{SVG}</div></div>'
        for i in range(1, 6)
    )
    return "div_nested", (
        f'<div class="kk-star-ratings kksr-template" data-id="48213" data-slug="" data-score="{t["score"]}"><div class="kksr-stars"><div class="kksr-stars-inactive">{stars}</div></div>'
        f'<div class="kksr-legend"><span class="kksr-muted">{t["legend"]}</span></div><span class="kksr-prompt">{t["prompt"]}</span></div>'
    )


def rating_2(t):
    rows = "".join(
        f'<tr class="review-item"><td class="review-label">{a}</td><td class="review-score" itemprop="ratingValue">{b}</td></tr>'
        for a, b in t["rows"]
    )
    return "table", (
        f'<div class="review-box" itemscope itemtype="https://schema.org/Review"><h3 class="review-title">{t["title"]}</h3><table class="review-table"><tbody>{rows}</tbody></table>'
        f'<div class="review-total"><span class="review-total-label">{t["total"]}</span></div></div>'
    )


def rating_3(t):
    opts = "".join(f'<option value="{i}">{i}</option>' for i in range(1, 6))
    return "form", (
        f'<form class="yasr-visitor-votes" data-post-id="771" method="post"><div class="yasr-vv-text">{t["ask"]}</div>'
        f'<label for="vv1">{t["label"]}</label> <select id="vv1" name="vote">{opts}</select> <button type="submit" class="yasr-vote-btn">{t["button"]}</button>'
        f'<div class="yasr-vv-stats"><span class="dashicons dashicons-chart-bar"></span> <span>{t["stats"]}</span></div></form>'
    )


def helpful_1(t):
    return "div_nested", (
        f'<div class="helpful-feedback" data-helpful-post="9021"><div class="helpful-inner"><span class="helpful-heading">{t["q"]}</span> '
        f'<div class="helpful-buttons"><button class="helpful-yes" data-value="1">{SVG} <span>{t["yes"]}</span></button> <button class="helpful-no" data-value="0">{SVG} <span>{t["no"]}</span></button></div></div>'
        f'<div class="helpful-thanks" hidden>{t["thanks"]}</div></div>'
    )


def helpful_2(t):
    return "form", (
        f'<div class="feedback-widget"><p class="feedback-counter"><span class="feedback-icon">{SVG}</span> <span>{t["count"]}</span></p>'
        f'<form class="feedback-form" method="post"><label for="fb1">{t["label"]}</label><textarea id="fb1" name="feedback" rows="3"></textarea>'
        f'<button type="submit">{t["send"]}</button></form></div>'
    )


def helpful_3(t):
    return "span_list", (
        f'<div class="article-vote" role="group" aria-label="feedback"><span class="article-vote__q">{t["q"]}</span> '
        f'<a href="#" class="article-vote__up" data-vote="up">👍 <span class="count">{t["up"]}</span></a> <a href="#" class="article-vote__down" data-vote="down">👎 <span class="count">{t["down"]}</span></a>'
        f'<p class="article-vote__summary"><small>{t["summary"]}</small></p></div>'
    )


def newsletter_1(t):
    return "form", (
        f'<form id="mc4wp-form-1" class="mc4wp-form mc4wp-form-1205" method="post" data-id="1205" data-name="Newsletter"><div class="mc4wp-form-fields">'
        f'<p class="nl-intro">{t["intro"]}</p><p><label for="mc-email">{t["label"]}</label> <input id="mc-email" type="email" name="EMAIL" placeholder="{t["ph"]}" required></p>'
        f'<p><label><input name="AGREE_TO_TERMS" type="checkbox" value="1" required> {t["consent"]}</label></p>'
        f'<p><button type="submit">{t["button"]}</button></p></div><label style="display: none !important;">{t["bot"]} <input type="text" name="_mc4wp_honeypot" value="" tabindex="-1"></label><div class="mc4wp-response"></div></form>'
    )


def newsletter_2(t):
    return "div_nested", (
        f'<div class="substack-embed" data-publication="{t["pub"].lower().replace(" ", "")}"><div class="embed-inner"><div class="embed-title">{t["pub"]}</div>'
        f'<div class="embed-tagline">{t["tagline"]}</div><div class="embed-form"><input type="email" placeholder="{t["ph"]}"> <button type="submit">{t["button"]}</button></div>'
        f'<div class="embed-count"><span>{t["count"]}</span></div></div></div>'
    )


def newsletter_3(t):
    return "aside", (
        f'<aside class="om-holder om-slide-in" data-om-campaign="{t["camp"]}" role="dialog"><button class="om-close" aria-label="close">×</button>'
        f'<h3 class="om-headline">{t["headline"]}</h3><p class="om-text">{t["text"]}</p>'
        f'<a class="om-cta" href="#subscribe">{t["cta"]}</a> <p class="om-no"><a href="#">{t["no"]}</a></p></aside>'
    )


def comments_1(t):
    return "div_nested", (
        f'<div class="wpdiscuz_top_clearing"></div><div id="comments" class="comments-area"><div id="respond" style="width: 0;height: 0;clear: both;margin: 0;padding: 0;"></div>'
        f'<div id="wpdcom" class="wpdiscuz_unauth wpd-default wpd-layout-2"><div class="wc_social_plugin_wrapper"></div><div class="wpd-form-head"><div class="wpd-sbs-toggle"><i class="far fa-envelope"></i> <span class="wpd-sbs-title">{t["sbs"]}</span> <i class="fas fa-caret-down"></i></div>'
        f'<div class="wpd-auth"><div class="wpd-login"><a rel="nofollow" href="#"><i class="fas fa-sign-in-alt"></i> {t["login"]}</a></div></div></div>'
        f'<div class="wpd-form wpd-form-wrapper"><div class="wpd-field-textarea"><textarea name="wc_comment" placeholder="{t["ph"]}"></textarea></div><div class="wpd-field-submit"><input class="wc_comm_submit" type="submit" value="{t["post"]}"> <button type="submit">{t["post"]}</button></div></div>'
        f'<div class="wpd-thread-head"><div class="wpd-thread-info" data-comments-count="{t["n"]}"><span class="wpdtc">{t["n"]}</span> {t["cnt"]}</div>'
        f'<div class="wpd-thread-filter"><div class="wpd-filter wpdf-reacted">{t["inl"]}</div><div class="wpd-filter">{t["all"]}</div></div></div></div></div>'
    )


def comments_2(t):
    return "form", (
        f'<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">{t["title"]} <small><a rel="nofollow" id="cancel-comment-reply-link" href="#respond" style="display:none;">{t["cancel"]}</a></small></h3>'
        f'<form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form"><p class="comment-notes"><span id="email-notes">{t["notes"]}</span></p>'
        f'<p class="comment-form-comment"><label for="comment">{t["c"]} <span class="required">*</span></label> <textarea id="comment" name="comment" cols="45" rows="8" required></textarea></p>'
        f'<p class="comment-form-author"><label for="author">{t["name"]}</label> <input id="author" name="author" type="text"></p>'
        f'<p class="comment-form-cookies-consent"><input id="wp-comment-cookies-consent" name="wp-comment-cookies-consent" type="checkbox" value="yes"> <label for="wp-comment-cookies-consent">{t["cookies"]}</label></p>'
        f'<p class="form-submit"><button name="submit" type="submit" id="submit" class="submit">{t["submit"]}</button></p></form></div>'
    )


def comments_3(t):
    return "noscript", (
        f'<div class="comments-wrap" id="comments-section"><h4 class="comments-count"><a href="#disqus_thread" data-disqus-identifier="post-5531">{t["count"]}</a></h4>'
        f'<div id="disqus_thread"></div><noscript>{t["noscript"]} <a href="https://disqus.com/?ref_noscript" rel="nofollow">{t["powered"]}</a></noscript>'
        f'<p class="comments-policy">{t["policy"]}</p></div>'
    )


def related_1(t):
    posts = "".join(
        f'<div class="jp-relatedposts-post jp-relatedposts-post{i}" data-post-id="{4100 + i}" data-post-format="false"><h4 class="jp-relatedposts-post-title"><a class="jp-relatedposts-post-a" href="/{i}/" title="{h}" rel="nofollow" data-origin="48213" data-position="{i}">{h}</a></h4>'
        f'<p class="jp-relatedposts-post-date">{d}</p><p class="jp-relatedposts-post-context">{c}</p></div>'
        for i, (h, d, c) in enumerate(t["posts"])
    )
    return "div_nested", (
        f'<div id="jp-relatedposts" class="jp-relatedposts" style="display: block;"><h3 class="jp-relatedposts-headline"><em>{t["head"]}</em></h3>'
        f'<div class="jp-relatedposts-items jp-relatedposts-items-visual">{posts}</div></div>'
    )


def related_2(t):
    cards = "".join(
        f'<div class="videoCube trc_spotlight_item syndicatedItem" data-item-id="{i}"><a href="https://sponsored.example/{i}" rel="nofollow sponsored" target="_blank"><span class="thumbBlock"></span>'
        f'<span class="video-label-box"><span class="video-title">{h}</span> <span class="branding">{s}</span></span></a></div>'
        for i, (h, s) in enumerate(t["cards"])
    )
    return "div_nested", (
        f'<div id="taboola-below-article" class="trc_related_container trc_spotlight_widget" data-placement="below-article"><div class="trc_rbox_header"><span class="trc_rbox_header_span">{t["head"]}</span></div>'
        f'<div class="trc_rbox_outer">{cards}</div><a class="trc_attribution" href="#">{t["attr"]}</a></div>'
    )


def related_3(t):
    items = "".join(
        f'<li><a href="/p/{i}" rel="bookmark" title="{h}">{h}</a> <small>({d})</small></li>'
        for i, (h, d) in enumerate(t["items"])
    )
    return (
        "ol",
        f'<div class="yarpp yarpp-related yarpp-template-list"><h3>{t["head"]}</h3><ol>{items}</ol></div>',
    )


def share_1(t):
    lis = "".join(
        f'<li class="share-{n.lower()}"><a rel="nofollow noopener noreferrer" data-shared="sharing-{n.lower()}-48213" class="share-{n.lower()} sd-button share-icon" href="?share={n.lower()}" target="_blank" title="{t["click"].format(n=n)}">'
        f'<span>{n}</span> <span class="sharing-screen-reader-text">{t["click"].format(n=n)} {t["new"]}</span></a></li>'
        for n in t["nets"]
    )
    return "ul", (
        f'<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">{t["title"]}</h3>'
        f'<div class="sd-content"><ul>{lis}<li class="share-end"></li></ul></div></div></div>'
    )


def share_2(t):
    icons = "".join(
        f'<a class="a2a_button_{n.lower()}" href="https://www.addtoany.com/add_to/{n.lower()}?linkurl=x" title="{n}" rel="nofollow noopener" target="_blank"><span class="a2a_svg a2a_s__default a2a_s_{n.lower()}">{SVG}</span><span class="a2a_label">{n}</span></a> '
        for n in t["nets"]
    )
    return "div_nested", (
        f'<div class="addtoany_share_save_container addtoany_content addtoany_content_bottom"><div class="addtoany_header">{t["head"]}</div>'
        f'<div class="a2a_kit a2a_kit_size_32 addtoany_list" data-a2a-url="https://example.org/p" data-a2a-title="x">{icons}<a class="a2a_dd addtoany_share_save addtoany_share" href="https://www.addtoany.com/share">{t["more"]}</a></div>'
        f'<div class="share-count"><span>{t["count"]}</span></div></div>'
    )


def share_3(t):
    return "ul", (
        f'<div class="shareaholic-canvas" data-app="share_buttons" data-app-id="28019"><p class="shr-prompt">{t["prompt"]}</p><ul class="shr-list">'
        f'<li class="shr-whatsapp"><a href="https://wa.me/?text=x">{t["wa"]}</a></li><li class="shr-email"><a href="mailto:?subject=x">{t["mail"]}</a></li>'
        f'<li class="shr-copy"><button type="button" data-copy-url="x">{t["copy"]}</button> <span class="shr-copied" role="status">{t["copied"]}</span></li></ul></div>'
    )


def captions_1(t):
    return "div_nested", (
        f'<div id="attachment_3308" style="width: 810px" class="wp-caption aligncenter"><img aria-describedby="caption-attachment-3308" decoding="async" class="size-large wp-image-3308" src="/wp-content/uploads/2024/05/img-800x533.jpg" alt="" width="800" height="533">'
        f'<p id="caption-attachment-3308" class="wp-caption-text">{t["cap"]}</p></div>'
    )


def captions_2(t):
    return "figure", (
        f'<figure class="wp-block-image size-large is-style-default"><img decoding="async" loading="lazy" src="/img/photo-1024.jpg" alt="" class="wp-image-9931">'
        f'<figcaption class="wp-element-caption">{t["cap"]} <span class="image-credit"><em>{t["credit"]}</em></span></figcaption></figure>'
    )


def captions_3(t):
    if t.get("amp"):
        return "figure", (
            f'<figure class="amp-wp-inline-figure" data-amp-auto-lightbox-disable><amp-img src="/img/b.jpg" width="1200" height="800" layout="responsive" alt=""><noscript><img src="/img/b.jpg" alt=""></noscript></amp-img>'
            f'<figcaption class="amp-wp-caption"><span class="caption-text">{t["cap"]}</span><br><span class="caption-credit">{t["credit"]}</span></figcaption></figure>'
        )
    return "div_nested", (
        f'<div class="getty embed image" style="background-color:#fff;display:inline-block;font-family:Roboto,sans-serif;width:100%;"><div style="padding:0;margin:0;text-align:left;">'
        f'<a href="https://www.gettyimages.com/detail/{t["gid"]}" target="_blank" style="color:#a7a7a7;text-decoration:none;">{t["cap"]}</a></div>'
        f'<div style="overflow:hidden;position:relative;height:0;padding:66.7% 0 0 0;width:100%;"></div><p style="margin:0;">{t["credit"]}</p></div>'
    )


def prose(lang, text):
    if lang in INLINE_LANGS:
        return "inline", " " + text
    return "p_prose", f"<p>{text}</p>"


# ---------------------------------------------------------------------------------- texts
# fmt: off
ADS = {
    "en": [
        {"geo": "GB", "head": "Top-rated UK casino sites for May", "rows": [("Harbourlight Casino", "100% match up to £200 + 50 spins on Starlit Reels", "Claim bonus"), ("Oakmoor Bingo", "Deposit £10, play with £40", "Visit site"), ("Gilded Fox", "10% cashback every Monday", "Get offer")], "terms": "New players only. Min. deposit £10. 40x wagering on bonus funds. Full T&amp;Cs apply. BeGambleAware.org"},
        {"event": "ev-88211", "cols": ["Bookmaker", "Arsenal", "Draw", "Villa"], "rows": [["Northgate Bet", "1.72", "4.10", "4.75"], ["Pinecrest Sports", "1.70", "4.20", "4.60"], ["Bluefin Odds", "1.75", "4.00", "4.80"]], "note": "Odds correct at time of publishing and subject to change. Please gamble responsibly."},
        {"code": "SPRING75", "title": "Exclusive Tidewater Sportsbook promo code", "label": "Your code:", "copy": "Copy code", "facts": ["Bet $5, get $75 in bonus bets", "Available in NJ, PA and MI"], "cta": "Bet now at Tidewater"},
        "Our partner Quillstone Casino is currently giving readers 200 free spins with no deposit needed, so sign up through the link on this page before Sunday night (21+, terms apply).",
    ],
    "de": [
        {"geo": "DE", "head": "Die besten Online-Spielotheken im Vergleich", "rows": [("Spielhaus Edelweiß", "100 % bis 250 € plus 60 Freidrehungen", "Zum Anbieter"), ("Glücksmühle", "Einzahlungsbonus bis 150 €", "Bonus holen"), ("Nordstern Slots", "25 € gratis nach Verifizierung", "Jetzt loslegen")], "terms": "18+ | Suchtrisiko | Hilfe unter check-dein-spiel.de | Es gelten die Bonusbedingungen der Anbieter"},
        {"event": "bl-7731", "cols": ["Wettanbieter", "Heimsieg", "Remis", "Auswärtssieg"], "rows": [["Tippfuchs", "2,05", "3,60", "3,40"], ["Wettkontor", "2,10", "3,50", "3,35"], ["Quotenhafen", "2,00", "3,70", "3,45"]], "note": "Quotenstand Freitagmittag, Änderungen vorbehalten. Glücksspiel kann süchtig machen."},
        {"code": "TOR50", "title": "Gutscheincode für Wettkontor", "label": "Bonuscode:", "copy": "Code kopieren", "facts": ["50 € Gratiswette für Neukunden", "Mindestquote 1,80 beachten"], "cta": "Code einlösen"},
        "Tipp der Redaktion: Wer sich bis Monatsende bei Glücksmühle registriert, erhält 40 Freispiele ohne Einzahlung und kann sie sofort am Automaten Pharaos Gold einsetzen.",
    ],
    "fr": [
        {"geo": "FR", "head": "Nos casinos en ligne préférés ce mois-ci", "rows": [("Casino du Phare", "Jusqu’à 500 € de bonus et 100 tours gratuits", "Jouer maintenant"), ("Trèfle Royal", "Premier dépôt doublé jusqu’à 200 €", "Voir le bonus"), ("Lune d’Argent", "15 % de cashback chaque semaine", "S’inscrire")], "terms": "Réservé aux plus de 18 ans. Jouer comporte des risques : endettement, isolement, dépendance. Appelez le 09 74 75 13 13."},
        {"event": "l1-4410", "cols": ["Opérateur", "PSG", "Nul", "Lyon"], "rows": [["ParisPlume", "1,45", "4,80", "6,25"], ["Cote Azur Paris", "1,48", "4,60", "6,00"], ["Pronoclub", "1,43", "4,90", "6,50"]], "note": "Cotes relevées jeudi à 18 h, susceptibles d’évoluer. Les jeux d’argent sont interdits aux mineurs."},
        {"code": "BUTEUR100", "title": "Bonus d’inscription chez ParisPlume", "label": "Code promo :", "copy": "Copier le code", "facts": ["Premier pari remboursé jusqu’à 100 €", "Remboursement en freebets sous 72 h"], "cta": "Profiter de l’offre"},
        "Pour célébrer la reprise, notre partenaire Pronoclub offre 30 € de paris gratuits à tout nouveau joueur inscrit avant dimanche avec le code REPRISE30.",
    ],
    "es": [
        {"geo": "ES", "head": "Casinos online recomendados en España", "rows": [("Casino Faro Azul", "Bono del 100 % hasta 300 € + 50 giros", "Jugar ya"), ("Sol de Oro", "Recupera el 20 % de tus pérdidas", "Ver oferta"), ("Ruleta Norte", "10 € gratis sin depósito", "Registrarse gratis")], "terms": "+18 | Juega con responsabilidad | jugarbien.es | Aplican términos y condiciones"},
        {"event": "lg-1209", "cols": ["Casa", "Betis", "Empate", "Sevilla"], "rows": [["ApuestaSur", "2,60", "3,20", "2,75"], ["GolBet Iberia", "2,55", "3,25", "2,80"], ["Cuotas Plus", "2,62", "3,15", "2,70"]], "note": "Cuotas consultadas el viernes; pueden variar. Juego seguro, solo mayores de edad."},
        {"code": "DERBI200", "title": "Código promocional de GolBet Iberia", "label": "Tu código:", "copy": "Copiar código", "facts": ["Hasta 200 € en apuestas gratis", "Rollover 5x en cuotas mínimas de 1,50"], "cta": "Apostar ahora"},
        "Si quieres seguir el clásico con emoción extra, en Casino Faro Azul te regalan 25 giros al registrarte hoy y un bono de bienvenida de hasta 300 euros.",
    ],
    "it": [
        {"geo": "IT", "head": "I migliori casinò online ADM del mese", "rows": [("Casinò Laguna", "Bonus del 100% fino a 500 € + 50 giri gratis", "Gioca ora"), ("Stella di Capri", "Cashback del 15% sulle slot", "Scopri il bonus"), ("Vesuvio Play", "20 € senza deposito alla registrazione", "Registrati subito")], "terms": "Gioco vietato ai minori di 18 anni. Il gioco può causare dipendenza patologica. Probabilità di vincita su adm.gov.it"},
        {"event": "sa-5520", "cols": ["Bookmaker", "Inter", "X", "Milan"], "rows": [["ScommettiBene", "2,15", "3,30", "3,40"], ["QuotaPiù", "2,20", "3,25", "3,30"], ["Giocata d’Oro", "2,10", "3,35", "3,45"]], "note": "Quote aggiornate a venerdì mattina. Gioca responsabilmente."},
        {"code": "DERBY10", "title": "Codice bonus QuotaPiù", "label": "Codice:", "copy": "Copia il codice", "facts": ["10 € di scommessa gratuita", "Requisito di puntata 3 volte"], "cta": "Scommetti adesso"},
        "Intanto su Casinò Laguna è attiva una promozione per i nuovi iscritti che regala 100 giri gratuiti sulla slot Tesoro Etrusco fino a domenica sera.",
    ],
    "pt": [
        {"geo": "BR", "head": "Melhores cassinos online para brasileiros", "rows": [("Cassino Maré Alta", "Bônus de 100% até R$ 1.000 + 80 rodadas", "Jogar agora"), ("Fortuna Carioca", "Cashback semanal de 12%", "Pegar bônus"), ("Ipê Slots", "R$ 50 grátis no cadastro", "Criar conta")], "terms": "Proibido para menores de 18 anos. Jogue com responsabilidade. Termos e condições se aplicam."},
        {"event": "br-3301", "cols": ["Casa de apostas", "Flamengo", "Empate", "Palmeiras"], "rows": [["Aposta Rio", "2,30", "3,10", "3,20"], ["GolPix Bet", "2,25", "3,15", "3,25"], ["Bet Cerrado", "2,35", "3,05", "3,10"]], "note": "Odds verificadas na sexta-feira e sujeitas a alteração. Aposte com moderação."},
        {"code": "CLASSICO30", "title": "Código promocional GolPix Bet", "label": "Seu código:", "copy": "Copiar cupom", "facts": ["Aposta grátis de R$ 30", "Válido para odds a partir de 1,70"], "cta": "Apostar no GolPix"},
        "Quem se cadastrar hoje no Cassino Maré Alta pelo link desta página ganha 80 rodadas grátis no jogo Tigre Dourado, sem precisar fazer depósito.",
    ],
    "nl": [
        {"geo": "NL", "head": "Legale online casino’s in Nederland", "rows": [("Casino Tulpenveld", "Welkomstbonus tot €250 + 30 free spins", "Speel direct"), ("Molenwiek", "Stortingsbonus van 100% tot €100", "Bekijk aanbod"), ("Oranje Rol", "Wekelijks 10% cashback", "Account openen")], "terms": "18+ | Wat kost gokken jou? Stop op tijd | Speel bewust | Vergunning Kansspelautoriteit"},
        {"event": "ed-6613", "cols": ["Aanbieder", "Ajax", "Gelijk", "PSV"], "rows": [["Wedhuis", "2,45", "3,60", "2,65"], ["KansKoers", "2,40", "3,65", "2,70"], ["Dijkbet", "2,50", "3,55", "2,60"]], "note": "Quoteringen van donderdagavond, wijzigingen voorbehouden. Wed verantwoord."},
        {"code": "KLASSIEKER", "title": "Actiecode van Wedhuis", "label": "Jouw code:", "copy": "Kopieer code", "facts": ["Eerste weddenschap tot €50 terug", "Alleen voor nieuwe spelers"], "cta": "Nu wedden"},
        "Via onze partner Casino Tulpenveld krijg je deze week 50 gratis spins op de slot Gouden Tulp zonder storting, dus schrijf je snel in voor de actie afloopt.",
    ],
    "pl": [
        {"geo": "PL", "head": "Ranking legalnych bukmacherów i kasyn", "rows": [("Kasyno Bursztyn", "Bonus 100% do 1000 zł + 50 darmowych spinów", "Odbierz bonus"), ("Złoty Kłos", "Zakład bez ryzyka do 200 zł", "Przejdź do oferty"), ("Wisła Zakłady", "Cashback 10% co tydzień", "Załóż konto")], "terms": "Tylko dla osób pełnoletnich. Hazard wiąże się z ryzykiem. Legalny bukmacher z zezwoleniem Ministra Finansów."},
        {"event": "ek-9090", "cols": ["Bukmacher", "Legia", "Remis", "Lech"], "rows": [["TypMistrz", "2,20", "3,40", "3,15"], ["Kursownia", "2,25", "3,35", "3,10"], ["Zakładnik", "2,18", "3,45", "3,20"]], "note": "Kursy z piątku, mogą ulec zmianie. Graj odpowiedzialnie."},
        {"code": "KLASYK200", "title": "Kod promocyjny Kursownia", "label": "Twój kod:", "copy": "Skopiuj kod", "facts": ["Freebet 200 zł na start", "Obrót bonusem 3 razy"], "cta": "Postaw zakład"},
        "Nowi gracze Kasyna Bursztyn mogą teraz odebrać 75 darmowych spinów bez depozytu, wystarczy założyć konto z kodem BURSZTYN75 do końca tygodnia.",
    ],
}
RATING = {
    "en": [
        {"score": "4.3", "legend": "4.3/5 - (212 votes)", "prompt": "Click on a star to rate this post"},
        {"title": "Our verdict", "rows": [("Battery life", "9/10"), ("Camera quality", "7.5/10"), ("Value for money", "8/10")], "total": "Overall score: 8.2 out of 10"},
        {"ask": "How useful was this guide?", "label": "Your rating", "button": "Submit rating", "stats": "Average 3.8 from 57 readers"},
        "Readers have given this recipe an average of 4.6 out of 5 stars across 1,284 ratings so far.",
    ],
    "de": [
        {"score": "4.1", "legend": "4,1/5 – (88 Stimmen)", "prompt": "Klicken Sie auf einen Stern, um den Beitrag zu bewerten"},
        {"title": "Unser Testurteil", "rows": [("Verarbeitung", "sehr gut (1,4)"), ("Bildqualität", "gut (2,0)"), ("Preis-Leistung", "befriedigend (2,7)")], "total": "Gesamtnote: gut (1,9)"},
        {"ask": "Wie fanden Sie diesen Ratgeber?", "label": "Ihre Wertung", "button": "Wertung abgeben", "stats": "Durchschnitt 3,6 bei 41 Bewertungen"},
        "Unsere Leserinnen und Leser bewerten dieses Rezept im Schnitt mit 4,4 von 5 Sternen, abgegeben wurden bisher 312 Stimmen.",
    ],
    "fr": [
        {"score": "3.9", "legend": "3,9/5 – (64 votes)", "prompt": "Cliquez sur une étoile pour noter cet article"},
        {"title": "L’avis de la rédaction", "rows": [("Autonomie", "8/10"), ("Écran", "9/10"), ("Rapport qualité-prix", "6/10")], "total": "Note finale : 7,7 sur 10"},
        {"ask": "Qu’avez-vous pensé de ce dossier ?", "label": "Votre note", "button": "Envoyer ma note", "stats": "Moyenne de 4,2 sur 93 lecteurs"},
        "Cette recette a déjà reçu 527 notes et obtient une moyenne de 4,7 étoiles sur 5 auprès de nos lecteurs.",
    ],
    "es": [
        {"score": "4.5", "legend": "4,5/5 - (301 votos)", "prompt": "Haz clic en una estrella para puntuar esta entrada"},
        {"title": "Nuestra valoración", "rows": [("Diseño", "8,5"), ("Rendimiento", "9"), ("Precio", "7")], "total": "Puntuación global: 8,2 sobre 10"},
        {"ask": "¿Cómo valorarías esta guía?", "label": "Tu puntuación", "button": "Enviar valoración", "stats": "Media de 4,1 con 78 valoraciones"},
        "Los lectores le han dado a este análisis una puntuación media de 4,3 estrellas sobre 5 tras 640 votos.",
    ],
    "it": [
        {"score": "4.0", "legend": "4/5 - (45 voti)", "prompt": "Clicca su una stella per valutare il post"},
        {"title": "Il nostro giudizio", "rows": [("Design", "8/10"), ("Prestazioni", "8,5/10"), ("Autonomia", "7/10")], "total": "Voto complessivo: 7,8 su 10"},
        {"ask": "Che voto daresti a questa guida?", "label": "La tua valutazione", "button": "Invia il voto", "stats": "Media di 3,9 su 112 lettori"},
        "La ricetta ha ottenuto finora una media di 4,8 stelle su 5 con 903 voti dei lettori.",
    ],
    "pt": [
        {"score": "4.2", "legend": "4,2/5 - (137 votos)", "prompt": "Clique em uma estrela para avaliar este post"},
        {"title": "Nossa avaliação", "rows": [("Tela", "9/10"), ("Bateria", "8/10"), ("Custo-benefício", "7/10")], "total": "Nota geral: 8 de 10"},
        {"ask": "O que você achou desta matéria?", "label": "Sua nota", "button": "Enviar avaliação", "stats": "Média 4,4 de 66 leitores"},
        "Esta receita já recebeu 418 avaliações e tem média de 4,5 estrelas de 5 entre os nossos leitores.",
    ],
    "nl": [
        {"score": "3.7", "legend": "3,7/5 - (29 stemmen)", "prompt": "Klik op een ster om dit bericht te beoordelen"},
        {"title": "Ons oordeel", "rows": [("Beeldkwaliteit", "8/10"), ("Geluid", "6,5/10"), ("Gebruiksgemak", "9/10")], "total": "Eindcijfer: 7,9 van de 10"},
        {"ask": "Wat vond je van dit stuk?", "label": "Jouw cijfer", "button": "Cijfer versturen", "stats": "Gemiddeld 4,0 uit 52 beoordelingen"},
        "Lezers beoordelen dit recept gemiddeld met 4,2 van de 5 sterren op basis van 276 stemmen.",
    ],
    "pl": [
        {"score": "4.4", "legend": "4,4/5 - (173 głosów)", "prompt": "Kliknij gwiazdkę, aby ocenić wpis"},
        {"title": "Nasza ocena", "rows": [("Ekran", "9/10"), ("Wydajność", "8/10"), ("Cena", "6/10")], "total": "Ocena końcowa: 7,7 na 10"},
        {"ask": "Jak oceniasz ten poradnik?", "label": "Twoja ocena", "button": "Wyślij ocenę", "stats": "Średnio 4,3 z 84 ocen czytelników"},
        "Czytelnicy ocenili ten przepis średnio na 4,6 gwiazdki na 5, oddając dotąd 355 głosów.",
    ],
}
HELPFUL = {
    "en": [
        {"q": "Did you find this article helpful?", "yes": "Yes", "no": "No", "thanks": "Thanks for letting us know!"},
        {"count": "318 people found this answer useful", "label": "Tell us how we can improve this page", "send": "Send feedback"},
        {"q": "Did this answer your question?", "up": "124", "down": "9", "summary": "93% of readers said this was useful"},
        "If this explainer cleared things up for you, hit the thumbs-up below so we know to write more like it.",
    ],
    "de": [
        {"q": "War dieser Beitrag hilfreich für Sie?", "yes": "Ja", "no": "Nein", "thanks": "Danke für Ihre Rückmeldung!"},
        {"count": "241 Personen fanden diese Antwort nützlich", "label": "Was können wir an diesem Artikel verbessern?", "send": "Feedback senden"},
        {"q": "Hat Ihnen der Ratgeber weitergeholfen?", "up": "87", "down": "12", "summary": "88 % der Leser fanden das hilfreich"},
        "Hat Ihnen diese Anleitung geholfen? Dann geben Sie uns unten einen Daumen nach oben, damit wir wissen, welche Themen gefragt sind.",
    ],
    "fr": [
        {"q": "Ce contenu a-t-il répondu à vos attentes ?", "yes": "Oui", "no": "Non", "thanks": "Merci pour votre retour !"},
        {"count": "156 personnes ont trouvé cette réponse utile", "label": "Comment pouvons-nous améliorer cette page ?", "send": "Envoyer mon avis"},
        {"q": "Avez-vous trouvé la réponse à votre question ?", "up": "64", "down": "7", "summary": "90 % des lecteurs ont jugé ce contenu utile"},
        "Si cette fiche pratique vous a servi, dites-le-nous d’un clic sur le pouce en bas de page.",
    ],
    "es": [
        {"q": "¿Esta página ha resuelto lo que buscabas?", "yes": "Sí", "no": "No", "thanks": "¡Gracias por tu opinión!"},
        {"count": "203 personas encontraron útil esta respuesta", "label": "Cuéntanos cómo mejorar esta página", "send": "Enviar comentarios"},
        {"q": "¿Hemos resuelto tu duda?", "up": "98", "down": "14", "summary": "El 87 % de los lectores lo consideró útil"},
        "¿Te sirvió esta guía? Pulsa el pulgar hacia arriba al final de la página para que sepamos qué contenidos te interesan.",
    ],
    "it": [
        {"q": "Ti sono state utili queste informazioni?", "yes": "Sì", "no": "No", "thanks": "Grazie per il tuo riscontro!"},
        {"count": "177 persone hanno trovato utile questa risposta", "label": "Come possiamo migliorare questa pagina?", "send": "Invia il tuo parere"},
        {"q": "Hai trovato quello che cercavi?", "up": "73", "down": "6", "summary": "Il 92% dei lettori lo ha trovato utile"},
        "Se questa guida ti ha aiutato, lascia un pollice in su qui sotto così sappiamo quali argomenti approfondire.",
    ],
    "pt": [
        {"q": "Esta página ajudou você?", "yes": "Sim", "no": "Não", "thanks": "Obrigado pelo seu retorno!"},
        {"count": "129 pessoas acharam esta resposta útil", "label": "Como podemos melhorar esta página?", "send": "Enviar opinião"},
        {"q": "Conseguimos tirar a sua dúvida?", "up": "58", "down": "11", "summary": "84% dos leitores acharam útil"},
        "Se este guia ajudou você, deixe seu joinha no fim da página para a gente saber que tipo de conteúdo produzir.",
    ],
    "nl": [
        {"q": "Had je iets aan dit artikel?", "yes": "Ja", "no": "Nee", "thanks": "Bedankt voor je reactie!"},
        {"count": "94 mensen vonden dit antwoord handig", "label": "Hoe kunnen we deze pagina verbeteren?", "send": "Verstuur feedback"},
        {"q": "Heeft dit je vraag beantwoord?", "up": "41", "down": "5", "summary": "89% van de lezers vond dit nuttig"},
        "Heb je iets aan deze uitleg gehad? Laat het ons weten met een duim omhoog onderaan de pagina.",
    ],
    "pl": [
        {"q": "Czy ten artykuł był dla Ciebie pomocny?", "yes": "Tak", "no": "Nie", "thanks": "Dziękujemy za opinię!"},
        {"count": "112 osób uznało tę odpowiedź za przydatną", "label": "Co możemy poprawić na tej stronie?", "send": "Wyślij opinię"},
        {"q": "Czy znalazłeś odpowiedź na swoje pytanie?", "up": "67", "down": "8", "summary": "89% czytelników uznało to za pomocne"},
        "Jeśli ten poradnik Ci pomógł, kliknij kciuk w górę na dole strony, żebyśmy wiedzieli, o czym pisać dalej.",
    ],
}
NEWSLETTER = {
    "en": [
        {"intro": "Get our best stories in your inbox every Thursday.", "label": "Email address", "ph": "you@example.com", "consent": "I agree to receive emails and accept the privacy policy.", "button": "Sign me up", "bot": "Leave this field empty if you're human:"},
        {"pub": "The Ledger Weekly", "tagline": "Money, markets and the people behind them. Free, every Sunday.", "ph": "Type your email…", "button": "Subscribe", "count": "Join 48,000+ readers"},
        {"camp": "slidein-may", "headline": "Before you go…", "text": "Our morning briefing lands at 6am with the five stories you need to know.", "cta": "Yes, send it to me", "no": "No thanks, I'm not interested"},
        "Want more reporting like this delivered straight to you? Sign up for our free daily briefing and get it before your first coffee.",
    ],
    "de": [
        {"intro": "Die wichtigsten Nachrichten des Tages, jeden Abend kostenlos per E-Mail.", "label": "Ihre E-Mail-Adresse", "ph": "name@beispiel.de", "consent": "Ich bin einverstanden, per E-Mail informiert zu werden, und akzeptiere die Datenschutzerklärung.", "button": "Jetzt anmelden", "bot": "Dieses Feld bitte leer lassen:"},
        {"pub": "Der Morgenkompass", "tagline": "Politik und Wirtschaft in fünf Minuten, jeden Werktag um sieben.", "ph": "E-Mail eingeben", "button": "Abonnieren", "count": "Schon 23.000 Leserinnen und Leser dabei"},
        {"camp": "exit-de", "headline": "Noch nicht genug gelesen?", "text": "Holen Sie sich unseren Wochenrückblick mit den meistdiskutierten Geschichten.", "cta": "Kostenlos bestellen", "no": "Nein danke, kein Interesse"},
        "Solche Recherchen wollen Sie nicht verpassen? Tragen Sie sich in unseren kostenlosen Abendbrief ein und lesen Sie sie vor allen anderen.",
    ],
    "fr": [
        {"intro": "Recevez chaque matin l’essentiel de l’actualité dans votre boîte mail.", "label": "Adresse électronique", "ph": "prenom@exemple.fr", "consent": "J’accepte de recevoir des courriels et la politique de confidentialité.", "button": "Valider mon inscription", "bot": "Laissez ce champ vide :"},
        {"pub": "La Lettre du Soir", "tagline": "Culture, idées et débats, chaque vendredi. Gratuit.", "ph": "Saisissez votre e-mail", "button": "S’abonner gratuitement", "count": "Déjà plus de 31 000 abonnés"},
        {"camp": "popup-fr", "headline": "Avant de partir…", "text": "Inscrivez-vous à notre sélection du week-end et ne ratez plus aucune enquête.", "cta": "Oui, je veux la recevoir", "no": "Non merci, une autre fois"},
        "Pour ne rien manquer de nos prochaines enquêtes, inscrivez-vous gratuitement à notre lettre quotidienne en un clic.",
    ],
    "es": [
        {"intro": "Recibe cada mañana las claves del día en tu correo.", "label": "Tu correo electrónico", "ph": "nombre@ejemplo.es", "consent": "Acepto recibir comunicaciones y la política de privacidad.", "button": "Quiero suscribirme", "bot": "Deja este campo en blanco:"},
        {"pub": "El Despertador", "tagline": "La actualidad explicada en cinco minutos, de lunes a viernes.", "ph": "Escribe tu email", "button": "Suscribirme", "count": "Más de 19.000 lectores ya lo reciben"},
        {"camp": "salida-es", "headline": "¿Ya te vas?", "text": "Llévate cada domingo un resumen con lo más comentado de la semana.", "cta": "Sí, quiero recibirlo", "no": "No, gracias"},
        "Si no quieres perderte análisis como este, apúntate a nuestro boletín gratuito y te lo enviamos cada mañana antes de las ocho.",
    ],
    "it": [
        {"intro": "Ogni mattina le notizie che contano, direttamente nella tua casella di posta.", "label": "Il tuo indirizzo email", "ph": "nome@esempio.it", "consent": "Acconsento a ricevere email e dichiaro di aver letto l’informativa privacy.", "button": "Iscriviti ora", "bot": "Lascia vuoto questo campo:"},
        {"pub": "Il Taccuino", "tagline": "Economia e politica spiegate bene, ogni lunedì. Gratis.", "ph": "Inserisci la tua email", "button": "Abbonati gratis", "count": "Oltre 15.000 iscritti"},
        {"camp": "uscita-it", "headline": "Prima di andare…", "text": "Ricevi ogni sabato il meglio della settimana selezionato dalla redazione.", "cta": "Sì, lo voglio", "no": "No grazie, magari più tardi"},
        "Per ricevere ogni sera i nostri approfondimenti, iscriviti gratuitamente alla lettera della redazione con un solo clic.",
    ],
    "pt": [
        {"intro": "Receba todas as manhãs as principais notícias no seu e-mail.", "label": "Seu endereço de e-mail", "ph": "nome@exemplo.com.br", "consent": "Concordo em receber e-mails e aceito a política de privacidade.", "button": "Quero me inscrever", "bot": "Deixe este campo em branco:"},
        {"pub": "Café com Pauta", "tagline": "O essencial da política e da economia, de segunda a sexta. Grátis.", "ph": "Digite seu e-mail", "button": "Assinar grátis", "count": "Mais de 27 mil leitores inscritos"},
        {"camp": "saida-pt", "headline": "Já vai embora?", "text": "Receba aos domingos um resumo com as reportagens mais lidas da semana.", "cta": "Sim, quero receber", "no": "Não, obrigado"},
        "Para receber reportagens como esta antes de todo mundo, cadastre seu e-mail na nossa lista gratuita e receba tudo cedo pela manhã.",
    ],
    "nl": [
        {"intro": "Elke ochtend het belangrijkste nieuws in je mailbox.", "label": "Je e-mailadres", "ph": "naam@voorbeeld.nl", "consent": "Ik ga akkoord met het ontvangen van e-mails en de privacyverklaring.", "button": "Aanmelden", "bot": "Laat dit veld leeg:"},
        {"pub": "De Ochtendkrant", "tagline": "Vijf verhalen om de dag mee te beginnen, elke werkdag gratis.", "ph": "Vul je e-mail in", "button": "Inschrijven", "count": "Al 12.000 abonnees gingen je voor"},
        {"camp": "exit-nl", "headline": "Ga je al weg?", "text": "Ontvang elke zaterdag de best gelezen verhalen van de week.", "cta": "Ja, stuur maar op", "no": "Nee bedankt, misschien later"},
        "Wil je dit soort verhalen voortaan als eerste lezen? Meld je dan gratis aan voor onze dagelijkse update per mail.",
    ],
    "pl": [
        {"intro": "Najważniejsze wiadomości dnia codziennie rano na Twojej skrzynce.", "label": "Twój adres e-mail", "ph": "imie@przyklad.pl", "consent": "Wyrażam zgodę na otrzymywanie wiadomości e-mail i akceptuję politykę prywatności.", "button": "Zapisz mnie", "bot": "Zostaw to pole puste:"},
        {"pub": "Poranny Przegląd", "tagline": "Polityka i gospodarka w pięć minut, od poniedziałku do piątku.", "ph": "Wpisz swój e-mail", "button": "Subskrybuj", "count": "Dołącz do ponad 21 tys. czytelników"},
        {"camp": "wyjscie-pl", "headline": "Już wychodzisz?", "text": "Co niedzielę wyślemy Ci podsumowanie najczęściej czytanych tekstów tygodnia.", "cta": "Tak, chcę dostawać", "no": "Nie, dziękuję"},
        "Jeśli chcesz czytać takie teksty jako pierwszy, zapisz się za darmo na nasz codzienny list od redakcji.",
    ],
}
COMMENTS = {
    "en": [
        {"sbs": "Notify of new replies", "login": "Log in to comment", "ph": "Join the discussion", "post": "Post Comment", "n": "14", "cnt": "Comments", "inl": "Inline Feedbacks (3)", "all": "Show every comment"},
        {"title": "Add your reply", "cancel": "Discard reply", "notes": "Your email stays private. Required fields are starred", "c": "Comment", "name": "Name *", "cookies": "Save my name, email, and website in this browser for the next time I comment.", "submit": "Post your reply"},
        {"count": "27 comments so far", "noscript": "Please enable JavaScript to see the conversation under this story.", "powered": "comments powered by Disqus", "policy": "We moderate all comments. Be civil, stay on topic, and don't post personal details."},
        "Tell us what you think in the comments section below — we read every one of them.",
    ],
    "de": [
        {"sbs": "Über neue Antworten benachrichtigen", "login": "Anmelden zum Kommentieren", "ph": "Diskutieren Sie mit", "post": "Kommentar absenden", "n": "9", "cnt": "Kommentare", "inl": "Inline-Rückmeldungen", "all": "Sämtliche Kommentare zeigen"},
        {"title": "Hinterlasse eine Antwort", "cancel": "Antwort verwerfen", "notes": "Deine E-Mail-Adresse wird nicht veröffentlicht. Pflichtfelder sind markiert", "c": "Kommentar", "name": "Name *", "cookies": "Meinen Namen und meine E-Mail-Adresse in diesem Browser speichern, bis ich wieder kommentiere.", "submit": "Kommentar abschicken"},
        {"count": "33 Leserkommentare", "noscript": "Bitte aktivieren Sie JavaScript, um die Diskussion zu sehen.", "powered": "Kommentare bereitgestellt von Disqus", "policy": "Kommentare werden vor der Freischaltung geprüft. Beleidigungen und Werbung löschen wir."},
        "Was meinen Sie dazu? Schreiben Sie es uns unten in die Kommentarspalte, wir lesen mit.",
    ],
    "fr": [
        {"sbs": "Me notifier des nouvelles réponses", "login": "Se connecter pour commenter", "ph": "Participez à la discussion", "post": "Publier le commentaire", "n": "21", "cnt": "Commentaires", "inl": "Réactions en ligne", "all": "Afficher toutes les réactions"},
        {"title": "Laisser une réponse", "cancel": "Annuler la réponse", "notes": "Votre courriel restera confidentiel. Les champs requis sont marqués", "c": "Commentaire", "name": "Nom *", "cookies": "Enregistrer mon nom et mon e-mail dans ce navigateur pour mon prochain commentaire.", "submit": "Envoyer la réponse"},
        {"count": "18 réactions de lecteurs", "noscript": "Activez JavaScript pour afficher les réactions à cet article.", "powered": "réactions hébergées par Disqus", "policy": "Les commentaires sont relus avant publication. Restez courtois et dans le sujet."},
        "Et vous, qu’en pensez-vous ? Donnez-nous votre avis dans l’espace de discussion en bas de cette page.",
    ],
    "es": [
        {"sbs": "Avisarme de nuevas respuestas", "login": "Inicia sesión para comentar", "ph": "Únete a la conversación", "post": "Publicar comentario", "n": "6", "cnt": "Comentarios", "inl": "Opiniones en línea", "all": "Mostrar el resto de comentarios"},
        {"title": "Escribe tu respuesta", "cancel": "Descartar respuesta", "notes": "Tu dirección de correo no se publicará. Los campos obligatorios están marcados", "c": "Comentario", "name": "Nombre *", "cookies": "Guardar mi nombre y correo en este navegador para la próxima vez que comente.", "submit": "Enviar respuesta"},
        {"count": "42 lectores han opinado", "noscript": "Activa JavaScript para ver la conversación de esta noticia.", "powered": "conversación gestionada con Disqus", "policy": "Moderamos los mensajes antes de publicarlos. No se admiten insultos ni spam."},
        "¿Y tú qué opinas? Déjanos tu comentario más abajo y comparte tu punto de vista con el resto de lectores.",
    ],
    "it": [
        {"sbs": "Avvisami delle nuove risposte", "login": "Accedi per commentare", "ph": "Partecipa alla discussione", "post": "Pubblica commento", "n": "11", "cnt": "Commenti", "inl": "Reazioni in linea", "all": "Mostra tutti i commenti"},
        {"title": "Lascia una risposta", "cancel": "Annulla la risposta", "notes": "L’email non verrà mostrata pubblicamente. I campi richiesti sono segnati", "c": "Commento", "name": "Nome *", "cookies": "Salva il mio nome e la mia email in questo browser per la prossima volta che commento.", "submit": "Invia la risposta"},
        {"count": "19 lettori hanno commentato", "noscript": "Abilita JavaScript per leggere la discussione sotto l’articolo.", "powered": "discussione ospitata da Disqus", "policy": "I commenti sono moderati. Niente insulti, niente pubblicità, restate in tema."},
        "Voi cosa ne pensate? Scriveteci la vostra opinione nello spazio dei commenti qui sotto.",
    ],
    "pt": [
        {"sbs": "Avisar sobre novas respostas", "login": "Entre para comentar", "ph": "Participe da conversa", "post": "Publicar comentário", "n": "8", "cnt": "Comentários", "inl": "Feedbacks em linha", "all": "Mostrar mais comentários"},
        {"title": "Escreva sua resposta", "cancel": "Cancelar resposta", "notes": "O seu endereço de e-mail não será publicado. Campos obrigatórios são marcados", "c": "Comentário", "name": "Nome *", "cookies": "Salvar meu nome e e-mail neste navegador para a próxima vez que eu comentar.", "submit": "Enviar resposta"},
        {"count": "36 leitores comentaram", "noscript": "Ative o JavaScript para ver a conversa desta reportagem.", "powered": "conversa hospedada pelo Disqus", "policy": "Os comentários são moderados. Ofensas e propaganda serão removidas."},
        "E você, o que acha? Deixe a sua opinião no campo de comentários logo abaixo desta reportagem.",
    ],
    "nl": [
        {"sbs": "Stuur mij een melding bij nieuwe reacties", "login": "Log in om te reageren", "ph": "Doe mee aan het gesprek", "post": "Reactie plaatsen", "n": "5", "cnt": "Reacties", "inl": "Inline feedback", "all": "Alle reacties bekijken"},
        {"title": "Laat een antwoord achter", "cancel": "Antwoord annuleren", "notes": "Je e-mailadres wordt niet gepubliceerd. Vereiste velden zijn gemarkeerd", "c": "Reactie", "name": "Naam *", "cookies": "Mijn naam en e-mailadres bewaren in deze browser voor de volgende keer wanneer ik een reactie plaats.", "submit": "Verstuur antwoord"},
        {"count": "24 lezers reageerden", "noscript": "Zet JavaScript aan om de discussie onder dit artikel te zien.", "powered": "discussie via Disqus", "policy": "Reacties worden gemodereerd. Schelden en reclame halen we weg."},
        "Wat vind jij hiervan? Laat je mening achter in het reactieveld hieronder.",
    ],
    "pl": [
        {"sbs": "Powiadamiaj o nowych odpowiedziach", "login": "Zaloguj się, aby komentować", "ph": "Dołącz do dyskusji", "post": "Opublikuj komentarz", "n": "17", "cnt": "Komentarze", "inl": "Opinie w tekście", "all": "Pokaż resztę komentarzy"},
        {"title": "Napisz odpowiedź", "cancel": "Porzuć odpowiedź", "notes": "Adres e-mail pozostanie niewidoczny. Pola wymagane zaznaczono gwiazdką", "c": "Komentarz", "name": "Imię *", "cookies": "Zapamiętaj moje dane w tej przeglądarce podczas pisania kolejnych komentarzy.", "submit": "Wyślij odpowiedź"},
        {"count": "52 komentarze czytelników", "noscript": "Włącz JavaScript, aby zobaczyć dyskusję pod artykułem.", "powered": "dyskusja obsługiwana przez Disqus", "policy": "Komentarze są moderowane. Wpisy obraźliwe i reklamy usuwamy."},
        "A Wy co o tym sądzicie? Napiszcie w komentarzach pod tekstem, czytamy wszystkie.",
    ],
}
RELATED = {
    "en": [
        {"head": "Related", "posts": [("Council approves new cycle lanes on the harbour road", "March 3, 2024", "In &quot;Local news&quot;"), ("Why the ferry timetable keeps changing", "February 18, 2024", "In &quot;Transport&quot;"), ("Five winter walks within an hour of the city", "January 9, 2024", "Similar post")]},
        {"head": "You May Like", "attr": "Sponsored Links by Taboola", "cards": [("Surgeons stunned: this kitchen habit may ease knee pain", "HealthyJoints Daily | Sponsored"), ("Homeowners are switching to this roof panel for 2025", "SunRoof Advisors | Sponsored"), ("The new compact SUV everyone in Ohio is talking about", "AutoDeals Weekly | Sponsored")]},
        {"head": "More stories you might enjoy", "items": [("Inside the race to save the town’s last cinema", "2 days ago"), ("Meet the teenager who built a weather station from scrap", "last week"), ("Rents climb again as new builds stall", "May 2")]},
        "Read next: how a small bakery survived three floods in ten years, and what comes next for the high street.",
    ],
    "de": [
        {"head": "Ähnliche Beiträge", "posts": [("Stadtrat stimmt für neue Straßenbahnlinie nach Süden", "3. März 2024", "In &quot;Lokales&quot;"), ("Warum die Müllgebühren im Herbst steigen", "18. Februar 2024", "In &quot;Verbraucher&quot;"), ("Wandertipps für das lange Wochenende", "9. Januar 2024", "In &quot;Freizeit&quot;")]},
        {"head": "Empfehlungen aus dem Netz", "attr": "Empfohlen von Outbrain", "cards": [("Ärzte verblüfft: Dieses Hausmittel lindert Rückenschmerzen", "GesundheitsKompass | Anzeige"), ("Neue Solardächer: Hausbesitzer in Bayern sparen jetzt", "Energiewende24 | Gesponsert"), ("So günstig war Urlaub an der Ostsee lange nicht", "ReiseFuchs | Werbung")]},
        {"head": "Weitere Artikel zum Thema", "items": [("Bahnstreik: Was Pendler jetzt wissen müssen", "vor 2 Tagen"), ("Mietpreisbremse verlängert – die Folgen für Mieter", "letzte Woche"), ("Schwimmbäder öffnen früher als geplant", "2. Mai")]},
        "Lesen Sie dazu auch: Wie ein Dorf im Allgäu seine Stromversorgung selbst in die Hand nahm und warum andere nun folgen wollen.",
    ],
    "fr": [
        {"head": "Articles similaires", "posts": [("Le conseil municipal valide la piétonnisation du centre", "3 mars 2024", "Dans &quot;Vie locale&quot;"), ("Pourquoi le prix du ticket de tram augmente", "18 février 2024", "Dans &quot;Transports&quot;"), ("Dix balades à faire avant l’été", "9 janvier 2024", "Dans &quot;Loisirs&quot;")]},
        {"head": "Vous aimerez peut-être", "attr": "Contenus sponsorisés par Outbrain", "cards": [("Les propriétaires bretons adoptent ce chauffage malin", "ÉcoMaison Conseil | Sponsorisé"), ("Ce petit appareil auditif fait un tabac chez les seniors", "AudioPlus | Publicité"), ("Croisière en Méditerranée à prix cassé cet automne", "Voyages Horizon | Sponsorisé")]},
        {"head": "À découvrir aussi", "items": [("Au cœur de la dernière fromagerie du village", "il y a 2 jours"), ("Ces lycéens qui ont construit un satellite", "la semaine dernière"), ("Logement étudiant : la rentrée sous tension", "2 mai")]},
        "À lire ensuite : comment une petite librairie de quartier a triplé ses ventes grâce à ses lecteurs bénévoles.",
    ],
    "es": [
        {"head": "Entradas relacionadas", "posts": [("El pleno municipal da luz verde al carril bici del paseo", "3 de marzo de 2024", "En &quot;Local&quot;"), ("Por qué sube el precio del abono de transporte", "18 de febrero de 2024", "En &quot;Movilidad&quot;"), ("Rutas de senderismo para el puente de mayo", "9 de enero de 2024", "En &quot;Ocio&quot;")]},
        {"head": "Contenido que quizá te guste", "attr": "Enlaces patrocinados por Taboola", "cards": [("Los médicos no se lo creen: este truco alivia la artrosis", "Salud y Vida Hoy | Patrocinado"), ("Los vecinos de Valencia ya instalan estas placas solares", "SolarCasa | Publicidad"), ("El SUV híbrido que arrasa en ventas este año", "Motor Ofertas | Patrocinado")]},
        {"head": "Más noticias que te pueden gustar", "items": [("Así sobrevive la última librería del barrio", "hace 2 días"), ("El alquiler vuelve a subir en las capitales", "la semana pasada"), ("Los colegios adelantan el horario de verano", "2 de mayo")]},
        "Lee también: cómo un pueblo de Teruel recuperó a sus vecinos gracias al teletrabajo y a una escuela reabierta.",
    ],
    "it": [
        {"head": "Articoli simili", "posts": [("Il consiglio comunale approva la nuova ciclabile sul lungomare", "3 marzo 2024", "In &quot;Cronaca locale&quot;"), ("Perché aumentano le tariffe dei parcheggi", "18 febbraio 2024", "In &quot;Città&quot;"), ("Sei gite fuori porta per la primavera", "9 gennaio 2024", "In &quot;Tempo libero&quot;")]},
        {"head": "Potrebbe interessarti anche", "attr": "Contenuti sponsorizzati da Taboola", "cards": [("I medici sono sorpresi: questo rimedio aiuta le ginocchia", "Salute Oggi | Sponsorizzato"), ("In Lombardia molti stanno installando questi pannelli", "EnergiaCasa | Pubblicità"), ("Il SUV compatto più richiesto dell’anno", "Motori Offerte | Sponsorizzato")]},
        {"head": "Altri articoli che potrebbero piacerti", "items": [("Dentro l’ultima bottega di liutai del centro", "2 giorni fa"), ("Affitti in aumento in tutte le grandi città", "la settimana scorsa"), ("Le scuole anticipano l’orario estivo", "2 maggio")]},
        "Leggi anche l’intervista alla sindaca che ha trasformato la vecchia stazione in una biblioteca aperta giorno e notte.",
    ],
    "pt": [
        {"head": "Posts relacionados", "posts": [("Câmara aprova nova ciclovia na orla", "3 de março de 2024", "Em &quot;Cidade&quot;"), ("Por que a tarifa do metrô vai subir", "18 de fevereiro de 2024", "Em &quot;Mobilidade&quot;"), ("Trilhas para fazer no feriado prolongado", "9 de janeiro de 2024", "Em &quot;Lazer&quot;")]},
        {"head": "Você também pode gostar", "attr": "Links patrocinados por Taboola", "cards": [("Médicos surpresos: este hábito alivia dores nas costas", "Vida Saudável Já | Patrocinado"), ("Moradores de Curitiba estão trocando o telhado por isto", "SolarLar | Publicidade"), ("O SUV compacto que virou febre no Brasil", "AutoOfertas | Patrocinado")]},
        {"head": "Leia mais sobre o assunto", "items": [("Como sobrevive o último cinema de rua da cidade", "há 2 dias"), ("Aluguel volta a subir nas capitais", "semana passada"), ("Escolas antecipam o recesso de julho", "2 de maio")]},
        "Veja também: a história da cooperativa de costureiras que passou a exportar para a Europa em menos de dois anos.",
    ],
    "nl": [
        {"head": "Gerelateerde berichten", "posts": [("Gemeenteraad stemt in met nieuwe fietsbrug over de haven", "3 maart 2024", "In &quot;Regio&quot;"), ("Waarom de parkeertarieven omhooggaan", "18 februari 2024", "In &quot;Stad&quot;"), ("Zes wandelroutes voor het voorjaar", "9 januari 2024", "In &quot;Vrije tijd&quot;")]},
        {"head": "Dit vind je misschien ook leuk", "attr": "Aanbevolen door Outbrain", "cards": [("Artsen verbaasd: dit simpele middel helpt tegen stijve knieën", "GezondNu | Gesponsord"), ("Huiseigenaren in Brabant kiezen massaal voor deze panelen", "ZonWijzer | Advertentie"), ("Deze compacte SUV is de verrassing van het jaar", "AutoVoordeel | Gesponsord")]},
        {"head": "Meer verhalen die je interessant vindt", "items": [("Zo houdt de laatste dorpsbakker het hoofd boven water", "2 dagen geleden"), ("Huren stijgen opnieuw in de grote steden", "vorige week"), ("Scholen vervroegen de zomertijden", "2 mei")]},
        "Lees ook: hoe een buurthuis in Zwolle met vrijwilligers een eigen energiecoöperatie opzette.",
    ],
    "pl": [
        {"head": "Podobne wpisy", "posts": [("Rada miasta przyjęła plan nowej kładki nad rzeką", "3 marca 2024", "W &quot;Region&quot;"), ("Dlaczego drożeją bilety komunikacji miejskiej", "18 lutego 2024", "W &quot;Komunikacja&quot;"), ("Sześć tras na wiosenny spacer", "9 stycznia 2024", "W &quot;Czas wolny&quot;")]},
        {"head": "Może Cię zainteresować", "attr": "Linki sponsorowane Taboola", "cards": [("Lekarze zaskoczeni: ten domowy sposób pomaga na kolana", "Zdrowie Na Co Dzień | Sponsorowane"), ("Mieszkańcy Mazowsza montują teraz takie panele", "SłonecznyDom | Reklama"), ("Ten kompaktowy SUV podbija polskie drogi", "MotoOkazje | Sponsorowane")]},
        {"head": "Więcej tekstów, które mogą Ci się spodobać", "items": [("Tak przetrwało ostatnie kino studyjne w mieście", "2 dni temu"), ("Czynsze znowu rosną w dużych miastach", "w zeszłym tygodniu"), ("Szkoły wcześniej kończą rok szkolny", "2 maja")]},
        "Przeczytaj także: jak mała wieś na Podlasiu zbudowała własną spółdzielnię energetyczną i obniżyła rachunki o połowę.",
    ],
}
SHARE = {
    "en": [
        {"title": "Share with friends:", "click": "Click to post on {n}", "new": "(Opens in new window)", "nets": ["Facebook", "X", "LinkedIn"]},
        {"head": "Tell your network", "nets": ["Facebook", "Reddit", "Email"], "more": "More options", "count": "1.2K shares"},
        {"prompt": "Know someone who would enjoy this? Send it their way.", "wa": "Send via WhatsApp", "mail": "Email a friend", "copy": "Copy the link", "copied": "Link copied to clipboard"},
        "If you found this worth reading, forward it to a friend or post it to your feed using the buttons below.",
    ],
    "de": [
        {"title": "Teilen mit:", "click": "Klicken, um auf {n} zu teilen", "new": "(Wird in neuem Fenster geöffnet)", "nets": ["Facebook", "Threads", "Xing"]},
        {"head": "Artikel empfehlen an", "nets": ["Facebook", "Telegram", "Pinterest"], "more": "Weitere Dienste", "count": "846 Mal geteilt"},
        {"prompt": "Kennen Sie jemanden, den das interessiert? Leiten Sie den Artikel weiter.", "wa": "Per WhatsApp verschicken", "mail": "Per Mail empfehlen", "copy": "Adresse kopieren", "copied": "Der Link wurde kopiert"},
        "Wenn Ihnen dieser Text gefallen hat, schicken Sie ihn gern an Freunde weiter oder teilen Sie ihn über die Schaltflächen unten.",
    ],
    "fr": [
        {"title": "Partager :", "click": "Cliquer pour publier sur {n}", "new": "(ouvre dans une nouvelle fenêtre)", "nets": ["Facebook", "Bluesky", "LinkedIn"]},
        {"head": "Diffusez cet article", "nets": ["Facebook", "Messenger", "Pinterest"], "more": "Plus de réseaux", "count": "2 300 partages"},
        {"prompt": "Un proche pourrait être intéressé ? Transmettez-lui cet article.", "wa": "Envoyer par WhatsApp", "mail": "Envoyer par courriel", "copy": "Copier l’adresse", "copied": "Lien copié dans le presse-papiers"},
        "Si ce reportage vous a intéressé, n’hésitez pas à le faire suivre à vos proches ou à le publier sur vos réseaux grâce aux boutons ci-dessous.",
    ],
    "es": [
        {"title": "Compartir esto:", "click": "Pulsa para difundir vía {n}", "new": "(Se abre en una ventana nueva)", "nets": ["Facebook", "X", "Telegram"]},
        {"head": "Difunde esta noticia", "nets": ["Facebook", "WhatsApp", "Pinterest"], "more": "Más opciones", "count": "3.400 veces compartido"},
        {"prompt": "¿Conoces a alguien a quien le interese? Reenvíaselo.", "wa": "Mandar por WhatsApp", "mail": "Mandar por email", "copy": "Copiar dirección de la noticia", "copied": "Enlace copiado"},
        "Si te ha gustado este reportaje, pásaselo a tus amigos o publícalo en tus redes con los botones de abajo.",
    ],
    "it": [
        {"title": "Condividi:", "click": "Fai clic per condividere su {n}", "new": "(Si apre in una nuova finestra)", "nets": ["Facebook", "X", "WhatsApp"]},
        {"head": "Diffondi questo articolo", "nets": ["Facebook", "Telegram", "LinkedIn"], "more": "Altre opzioni", "count": "970 condivisioni"},
        {"prompt": "Conosci qualcuno a cui potrebbe interessare? Mandaglielo.", "wa": "Invia con WhatsApp", "mail": "Invia per email", "copy": "Copia il link", "copied": "Link copiato negli appunti"},
        "Se l’articolo ti ha convinto, giralo ai tuoi amici o pubblicalo sui tuoi social con i pulsanti qui sotto.",
    ],
    "pt": [
        {"title": "Compartilhe isso:", "click": "Clique para compartilhar no {n}", "new": "(Abre em nova janela)", "nets": ["Facebook", "X", "Telegram"]},
        {"head": "Espalhe esta notícia", "nets": ["Facebook", "WhatsApp", "LinkedIn"], "more": "Mais opções", "count": "5,1 mil compartilhamentos"},
        {"prompt": "Conhece alguém que vai gostar? Mande para essa pessoa.", "wa": "Mandar pelo WhatsApp", "mail": "Mandar por e-mail", "copy": "Copiar o link", "copied": "Link copiado"},
        "Se você gostou desta reportagem, encaminhe para os amigos ou publique nas suas redes usando os botões abaixo.",
    ],
    "nl": [
        {"title": "Delen:", "click": "Klik om te plaatsen op {n}", "new": "(Opent in een nieuw venster)", "nets": ["Facebook", "X", "LinkedIn"]},
        {"head": "Vertel het verder", "nets": ["Facebook", "WhatsApp", "Pinterest"], "more": "Meer opties", "count": "612 keer gedeeld"},
        {"prompt": "Ken je iemand die dit moet lezen? Stuur het door.", "wa": "Doorsturen via WhatsApp", "mail": "Mailen naar een vriend", "copy": "Kopieer het webadres", "copied": "Link gekopieerd"},
        "Vond je dit de moeite waard? Stuur het dan naar vrienden of zet het op je tijdlijn met de knoppen hieronder.",
    ],
    "pl": [
        {"title": "Udostępnij:", "click": "Kliknij, aby udostępnić na {n}", "new": "(Otwiera się w nowym oknie)", "nets": ["Facebook", "X", "Wykop"]},
        {"head": "Podaj dalej", "nets": ["Facebook", "Messenger", "LinkedIn"], "more": "Więcej opcji", "count": "1,4 tys. udostępnień"},
        {"prompt": "Znasz kogoś, kogo to zainteresuje? Prześlij mu ten tekst.", "wa": "Wyślij przez WhatsApp", "mail": "Wyślij mailem", "copy": "Kopiuj link", "copied": "Skopiowano link"},
        "Jeśli ten tekst Ci się spodobał, wyślij go komuś bliskiemu albo opublikuj u siebie za pomocą przycisków poniżej.",
    ],
}
CAPTIONS = {
    "en": [
        {"cap": "Volunteers clear debris from the riverbank on Saturday morning. Photo: Dana Whitfield/The Courier"},
        {"cap": "The new terminal building at dusk.", "credit": "Image credit: Marcus Lee / Alamy Stock Photo"},
        {"gid": "1488201933", "cap": "Supporters gather outside the courthouse in Atlanta", "credit": "Photo by Jessica McGowan/Getty Images"},
        "(Pictured above: the renovated reading room, which reopened in April. Photograph by Tom Ashworth for the Gazette.)",
    ],
    "de": [
        {"cap": "Einsatzkräfte sichern am Sonntag die Unfallstelle auf der A7. Foto: Lena Hartmann/dpa"},
        {"cap": "Das sanierte Rathaus am Abend.", "credit": "Bildquelle: IMAGO / Jürgen Ritter"},
        {"gid": "1502239941", "cap": "Demonstranten vor dem Bundestag in Berlin", "credit": "Foto von Sean Gallup/Getty Images"},
        "Unser Titelbild zeigt den neuen Bahnhofsvorplatz kurz nach der Eröffnung (Bild: Stadtverwaltung / Michael Brandt).",
    ],
    "fr": [
        {"cap": "Des bénévoles nettoient les berges de la Loire, samedi matin. Photo Claire Dumas / Ouest Média"},
        {"cap": "La nouvelle médiathèque au crépuscule.", "credit": "Crédit photo : Hans Lucas / Julien Mercier"},
        {"gid": "1499920371", "cap": "Manifestation devant l’Assemblée nationale à Paris", "credit": "Photo de Thomas Samson/AFP via Getty Images"},
        "(Notre photo : la halle du marché après sa rénovation, en avril dernier. Cliché Sophie Renard / Hans Lucas.)",
    ],
    "es": [
        {"cap": "Voluntarios limpian la ribera del Ebro el sábado por la mañana. Foto: Marta Gil / Europa Press"},
        {"cap": "La nueva estación de autobuses al anochecer.", "credit": "Fotografía: Alberto Ruiz / EFE"},
        {"gid": "1478821604", "cap": "Aficionados celebran el título en la plaza de Cibeles", "credit": "Foto de Pablo Blázquez Domínguez/Getty Images"},
        "En la imagen superior, el mercado de abastos tras su reforma, reabierto en abril (Foto: Ayuntamiento / Lucía Prieto).",
    ],
    "it": [
        {"cap": "Volontari ripuliscono gli argini del Po sabato mattina. Foto di Giulia Ferri / Ansa"},
        {"cap": "La nuova biblioteca civica al tramonto.", "credit": "Credito fotografico: Marco Bellini / LaPresse"},
        {"amp": True, "cap": "Tifosi in piazza Duomo dopo la vittoria", "credit": "Foto: Sergio Riva / Imagoeconomica"},
        "Nella foto in alto, il mercato coperto dopo i lavori di restauro conclusi ad aprile (foto di Paolo Conti per il Corriere del Lago).",
    ],
    "pt": [
        {"cap": "Voluntários limpam as margens do rio Tietê no sábado de manhã. Foto: Renata Alves / Folhapress"},
        {"cap": "O novo terminal rodoviário ao anoitecer.", "credit": "Crédito: Tânia Rêgo / Agência Brasil"},
        {"amp": True, "cap": "Torcedores comemoram o título na avenida Paulista", "credit": "Foto: Rafael Duarte / Estadão Conteúdo"},
        "Na imagem acima, o mercado municipal depois da reforma, reaberto em abril (Foto: Prefeitura / Bruno Nascimento).",
    ],
    "nl": [
        {"cap": "Vrijwilligers ruimen zaterdagochtend zwerfafval op langs de Maas. Foto: Sanne de Vries / ANP"},
        {"cap": "Het nieuwe stadskantoor in de avondschemering.", "credit": "Fotografie: Pieter Bakker / Hollandse Hoogte"},
        {"amp": True, "cap": "Supporters op het Museumplein na de huldiging", "credit": "Beeld: Koen van Dijk / ANP Pro Shots"},
        "(Op de foto: de gerestaureerde markthal kort na de heropening in april. Beeld: gemeente Utrecht / Eva Jansen.)",
    ],
    "pl": [
        {"cap": "Wolontariusze sprzątają brzeg Wisły w sobotę rano. Fot. Anna Kowalczyk / PAP"},
        {"cap": "Nowy dworzec autobusowy o zmierzchu.", "credit": "Źródło zdjęcia: Tomasz Nowak / East News"},
        {"amp": True, "cap": "Kibice świętują mistrzostwo na Rynku Głównym", "credit": "Fot. Marek Zieliński / Reporter"},
        "Na zdjęciu powyżej hala targowa po remoncie, otwarta ponownie w kwietniu (fot. Urząd Miasta / Katarzyna Wójcik).",
    ],
}
# fmt: on

# A small extra group in three other languages (sv, cs, tr): one block per family and language,
# shape chosen per block; the family's block in language number (family index % 3) is held back.
EXTRA_LANGUAGES = ("sv", "cs", "tr")
# fmt: off
EXTRA = {
    "ads": {
        "sv": (1, {"geo": "SE", "head": "Bästa nätcasinon med svensk licens", "rows": [("Fjällbacka Casino", "100 % upp till 2 000 kr + 50 free spins", "Spela nu"), ("Norrsken Spel", "Insättningsbonus upp till 1 500 kr", "Till bonusen"), ("Guldlotsen", "10 % cashback varje vecka", "Öppna konto")], "terms": "18+ | Spela ansvarsfullt | Stödlinjen.se | Regler och villkor gäller"}),
        "cs": (2, {"event": "cz-2210", "cols": ["Sázková kancelář", "Sparta", "Remíza", "Slavia"], "rows": [["TipHrad", "2,45", "3,30", "2,80"], ["Kurzovna Praha", "2,40", "3,35", "2,85"], ["SázkaPlus", "2,50", "3,25", "2,75"]], "note": "Kurzy platné v pátek odpoledne, mohou se změnit. Hrajte zodpovědně."}),
        "tr": (4, "Okurlarımıza özel: Boğaziçi Casino'ya bugün üye olanlar yatırım yapmadan 50 bedava dönüş kazanıyor, kampanya pazar gecesi sona eriyor."),
    },
    "rating": {
        "sv": (2, {"title": "Vårt betyg", "rows": [("Batteritid", "8/10"), ("Kamera", "7/10"), ("Prisvärdhet", "9/10")], "total": "Totalbetyg: 8 av 10"}),
        "cs": (3, {"ask": "Jak hodnotíte tento návod?", "label": "Vaše hodnocení", "button": "Odeslat hodnocení", "stats": "Průměr 4,1 ze 48 hlasů"}),
        "tr": (1, {"score": "4.6", "legend": "4,6/5 - (92 oy)", "prompt": "Bu yazıyı puanlamak için bir yıldıza tıklayın"}),
    },
    "helpful": {
        "sv": (3, {"q": "Fick du svar på din fråga?", "up": "57", "down": "4", "summary": "93 % av läsarna tyckte att detta var till hjälp"}),
        "cs": (4, "Pomohl vám tento návod? Dejte nám vědět kliknutím na palec nahoru pod článkem, ať víme, o čem psát dál."),
        "tr": (2, {"count": "86 kişi bu yanıtı faydalı buldu", "label": "Bu sayfayı nasıl iyileştirebiliriz?", "send": "Geri bildirim gönder"}),
    },
    "newsletter": {
        "sv": (4, "Vill du få fler sådana här reportage direkt i inkorgen? Anmäl dig till vårt kostnadsfria morgonbrev, det tar tio sekunder."),
        "cs": (1, {"intro": "Nejdůležitější zprávy dne každé ráno do vaší schránky.", "label": "Váš e-mail", "ph": "jmeno@priklad.cz", "consent": "Souhlasím se zasíláním e-mailů a se zásadami ochrany osobních údajů.", "button": "Přihlásit k odběru", "bot": "Toto pole nechte prázdné:"}),
        "tr": (3, {"camp": "cikis-tr", "headline": "Gitmeden önce…", "text": "Haftanın en çok okunan haberlerini her pazar e-postanıza gönderelim.", "cta": "Evet, gönderin", "no": "Hayır, teşekkürler"}),
    },
    "comments": {
        "sv": (1, {"sbs": "Meddela mig om nya svar", "login": "Logga in för att kommentera", "ph": "Delta i diskussionen", "post": "Skicka kommentar", "n": "12", "cnt": "Kommentarer", "inl": "Återkoppling i texten", "all": "Visa alla kommentarer"}),
        "cs": (2, {"title": "Napište odpověď", "cancel": "Zrušit odpověď", "notes": "Vaše e-mailová adresa nebude zveřejněna. Povinná pole jsou označena", "c": "Komentář", "name": "Jméno *", "cookies": "Uložit jméno a e-mail v tomto prohlížeči pro příští komentář.", "submit": "Odeslat odpověď"}),
        "tr": (3, {"count": "23 okur yorum yaptı", "noscript": "Tartışmayı görmek için lütfen JavaScript'i etkinleştirin.", "powered": "yorumlar Disqus altyapısıyla", "policy": "Yorumlar yayımlanmadan önce denetlenir. Hakaret ve reklam içeren mesajlar silinir."}),
    },
    "related": {
        "sv": (2, {"head": "Du kanske också gillar", "attr": "Sponsrade länkar från Taboola", "cards": [("Läkare förvånade: den här vanan lindrar ryggvärk", "HälsaIdag | Sponsrat"), ("Villaägare i Skåne byter nu till solpaneler", "SolHem | Annons"), ("Den kompakta SUV:n som alla pratar om", "BilFynd | Sponsrat")]}),
        "cs": (3, {"head": "Další články, které by vás mohly zajímat", "items": [("Jak přežívá poslední kino v okresním městě", "před 2 dny"), ("Nájmy ve velkých městech opět rostou", "minulý týden"), ("Školy letos končí dříve", "2. května")]}),
        "tr": (1, {"head": "Benzer yazılar", "posts": [("Belediye meclisi sahil yoluna yeni bisiklet yolunu onayladı", "3 Mart 2024", "&quot;Yerel&quot; içinde"), ("Toplu taşıma ücretleri neden artıyor", "18 Şubat 2024", "&quot;Ulaşım&quot; içinde"), ("Bahar için altı yürüyüş rotası", "9 Ocak 2024", "&quot;Gezi&quot; içinde")]}),
    },
    "share": {
        "sv": (3, {"prompt": "Känner du någon som borde läsa det här? Skicka vidare.", "wa": "Skicka med WhatsApp", "mail": "Mejla till en vän", "copy": "Kopiera länken", "copied": "Länken har kopierats"}),
        "cs": (1, {"title": "Sdílet:", "click": "Klikněte pro sdílení na {n}", "new": "(Otevře se v novém okně)", "nets": ["Facebook", "X", "LinkedIn"]}),
        "tr": (4, "Bu haberi beğendiyseniz aşağıdaki butonlarla arkadaşlarınıza gönderebilir ya da sosyal medya hesaplarınızda paylaşabilirsiniz."),
    },
    "captions": {
        "sv": (4, "(Bilden ovan: den renoverade saluhallen strax efter återinvigningen i april. Foto: Erik Lindqvist / TT)"),
        "cs": (2, {"cap": "Nové autobusové nádraží za soumraku.", "credit": "Foto: Jan Dvořák / ČTK"}),
        "tr": (1, {"cap": "Gönüllüler cumartesi sabahı nehir kıyısını temizledi. Fotoğraf: Ayşe Demir / AA"}),
    },
}
# fmt: on

TEMPLATES = {
    "ads": (ads_1, ads_2, ads_3),
    "rating": (rating_1, rating_2, rating_3),
    "helpful": (helpful_1, helpful_2, helpful_3),
    "newsletter": (newsletter_1, newsletter_2, newsletter_3),
    "comments": (comments_1, comments_2, comments_3),
    "related": (related_1, related_2, related_3),
    "share": (share_1, share_2, share_3),
    "captions": (captions_1, captions_2, captions_3),
}
TEXTS = {
    "ads": ADS, "rating": RATING, "helpful": HELPFUL, "newsletter": NEWSLETTER,
    "comments": COMMENTS, "related": RELATED, "share": SHARE, "captions": CAPTIONS,
}  # fmt: skip

_BLOCK = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tbody", "thead",
    "tr", "dl", "dt", "dd", "blockquote", "figure", "figcaption", "form", "section", "caption",
    "label", "button", "br", "option", "select", "textarea", "noscript", "aside", "nav",
    "header", "footer", "fieldset", "legend",
}  # fmt: skip
_WORD = re.compile(r"\w+")


def _norm(s):
    return re.sub(r"\s+", " ", s).strip()


def text_lines(html):
    """Plain-text lines of a block (see the module docstring)."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    out = []

    def walk(el):
        if el.tag == "tr":
            out.append(" ".join(_norm(c.text_content()) for c in el if c.tag in ("td", "th")))
            return
        run = [el.text or ""]
        for child in el:
            if not isinstance(child.tag, str):
                run.append(child.tail or "")
                continue
            if child.tag in _BLOCK:
                out.append("".join(run))
                run = []
                if child.tag != "br":
                    walk(child)
            else:
                run.append(child.text_content())
            run.append(child.tail or "")
        out.append("".join(run))

    walk(root)
    return [x for x in (_norm(y) for y in out) if len(_WORD.findall(x)) >= 2]


def blocks():
    rows = []
    for fi, family in enumerate(FAMILIES):
        for li, lang in enumerate(LANGUAGES):
            texts = TEXTS[family][lang]
            assert len(texts) == 4, (family, lang)
            held = (fi + li + 1) % 4 + 1
            for n in range(1, 5):
                if n == 4:
                    form, html = prose(lang, texts[3])
                    hint = False
                else:
                    form, html = TEMPLATES[family][n - 1](texts[n - 1])
                    hint = n == 1 or (li + n) % 2 == 0
                    if not hint:
                        html = plain(html)
                rows.append(
                    {
                        "id": f"{family}-{lang}-{n}",
                        "extra": False,
                        "family": family,
                        "language": lang,
                        "part": "heldback" if n == held else "dev",
                        "form": form,
                        "shape": f"{family}_{n}",
                        "wp_class": hint,
                        "html": html,
                        "must_not": text_lines(html),
                    }
                )
    for fi, family in enumerate(FAMILIES):
        for xi, lang in enumerate(EXTRA_LANGUAGES):
            n, texts = EXTRA[family][lang]
            if n == 4:
                form, html = prose(lang, texts)
                hint = False
            else:
                form, html = TEMPLATES[family][n - 1](texts)
                hint = n == 1 or (fi + xi) % 2 == 0
                if not hint:
                    html = plain(html)
            rows.append(
                {
                    "id": f"{family}-{lang}-x",
                    "extra": True,
                    "family": family,
                    "language": lang,
                    "part": "heldback" if xi == fi % 3 else "dev",
                    "form": form,
                    "shape": f"{family}_{n}",
                    "wp_class": hint,
                    "html": html,
                    "must_not": text_lines(html),
                }
            )
    return rows


def assign(part, rows, hosts):
    rng = random.Random(SEED.format(part=part))
    n = len(rows)
    host_cycle = [hosts[i % len(hosts)] for i in range(n)]
    slot_cycle = [("top", "mid", "end")[i % 3] for i in range(n)]
    rng.shuffle(host_cycle)
    rng.shuffle(slot_cycle)
    pages = []
    for b, host, slot in zip(rows, host_cycle, slot_cycle, strict=True):
        if b["form"] == "inline":
            slot = "inlast"
        pages.append({"page": b["id"], "block": b["id"], "host": host, "slot": slot})
    return pages


def main():
    hosts = {"dev": [], "heldback": []}
    with gzip.open(HERE / "hosts.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            hosts[row["part"]].append(row["id"])
    rows = blocks()
    for part in ("dev", "heldback"):
        mine = [b for b in rows if b["part"] == part]
        (HERE / part).mkdir(exist_ok=True)
        (HERE / part / "blocks.json").write_text(
            json.dumps(mine, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        meta = {
            "part": part,
            "assignment": (
                "hosts cycled and slots top/mid/end cycled, each list shuffled with "
                f'random.Random("{SEED.format(part=part)}"); inline forms go inside the last '
                "paragraph (inlast)"
            ),
            "pages": assign(part, mine, hosts[part]),
        }
        (HERE / part / "pages.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(part, len(mine), "blocks")


if __name__ == "__main__":
    main()
