"""The boilerplate a WordPress-style news site puts inside its articles, in two markups: with
telltale class names, and as plain paragraphs with no hint at all. `texts` are the strings that
must never reach the archive."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Junk:
    family: str
    classed: str
    plain: str
    texts: tuple[str, ...]


JUNK = [
    Junk(
        "ads",
        '<div class="casino-ad sponsored"><a href="https://casino.example.net/?ref=news">Signup bonus from $125 to $3000 | Signup now Football &amp; Online Casino</a></div>',
        '<p><a href="https://casino.example.net/?ref=news">Signup bonus from $125 to $3000 | Signup now Football &amp; Online Casino</a></p>',
        ("Signup bonus from $125 to $3000", "Online Casino"),
    ),
    Junk(
        "ads",
        '<aside class="ad-slot"><p>Sponsored: Get 200 free spins at LuckyStar Casino today, no deposit needed.</p></aside>',
        "<p>Sponsored: Get 200 free spins at LuckyStar Casino today, no deposit needed.</p>",
        ("200 free spins at LuckyStar Casino",),
    ),
    Junk(
        "ads",
        '<div class="promo-box"><p>Best betting odds for the weekend: claim your bonus code WIN50 at BetKing.</p></div>',
        "<p>Best betting odds for the weekend: claim your bonus code WIN50 at BetKing.</p>",
        ("claim your bonus code WIN50",),
    ),
    Junk(
        "rating",
        '<div class="wpd-rating-wrap"><span class="wpd-rating-value">0</span> <span>0</span> <span>votes</span><div class="wpd-rating-title">Article Rating</div></div>',
        "<p>0 0 votes</p><p>Article Rating</p>",
        ("0 0 votes", "Article Rating"),
    ),
    Junk(
        "rating",
        '<div class="kk-star-ratings"><p>Rate this article: \u2605\u2605\u2605\u2605\u2606 4.2/5 (37 votes)</p></div>',
        "<p>Rate this article: \u2605\u2605\u2605\u2605\u2606 4.2/5 (37 votes)</p>",
        ("Rate this article", "4.2/5 (37 votes)"),
    ),
    Junk(
        "comments",
        '<div id="wpdcom" class="wpdiscuz_top_clearing"><div class="wpd-form-head">Subscribe</div><div class="wpd-sbs-title">Notify of</div><div class="wpd-field">guest</div><div class="wpd-thread-info">0 Comments</div><div class="wpd-tab">Inline Feedbacks</div><div class="wpd-all">View all comments</div></div>',
        "<div><p>Subscribe</p><p>Notify of</p><p>guest</p><p>0 Comments</p><p>Inline Feedbacks</p><p>View all comments</p></div>",
        ("Notify of", "0 Comments", "Inline Feedbacks", "View all comments"),
    ),
    Junk(
        "comments",
        '<section class="comments-area"><h3>3 Comments</h3><p>TrueBlue77: Absolutely shameful, they never listen to anyone.</p><p>Marta_K: I live there and nobody asked us anything.</p><p>Leave a Reply</p></section>',
        "<div><h3>3 Comments</h3><p>TrueBlue77: Absolutely shameful, they never listen to anyone.</p><p>Marta_K: I live there and nobody asked us anything.</p><p>Leave a Reply</p></div>",
        ("TrueBlue77", "Marta_K", "Leave a Reply", "3 Comments"),
    ),
    Junk(
        "related",
        '<div class="related-posts"><h4>You Might Also Like:</h4><ul><li><a href="/tag/politics/">Ten things we learned this week in politics</a></li><li><a href="/tag/economy/">Why your energy bill is about to change again</a></li></ul></div>',
        '<p>You Might Also Like:</p><p><a href="/tag/politics/">Ten things we learned this week in politics</a></p><p><a href="/tag/economy/">Why your energy bill is about to change again</a></p>',
        (
            "You Might Also Like",
            "Ten things we learned this week in politics",
            "Why your energy bill is about to change again",
        ),
    ),
    Junk(
        "share",
        '<div class="sharedaddy share-buttons"><span>Share this:</span> <a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a> <a href="#">Email</a></div>',
        '<p>Share this: <a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a> <a href="#">Email</a></p>',
        ("Share this:",),
    ),
    Junk(
        "newsletter",
        '<div class="newsletter-signup"><p>Sign up for our morning newsletter and get the day\'s top stories in your inbox.</p></div>',
        "<p>Sign up for our morning newsletter and get the day's top stories in your inbox.</p>",
        ("Sign up for our morning newsletter",),
    ),
    Junk(
        "consent",
        '<div class="cookie-notice"><p>We use cookies to improve your experience. Accept all cookies or manage your cookie settings.</p></div>',
        "<p>We use cookies to improve your experience. Accept all cookies or manage your cookie settings.</p>",
        ("We use cookies to improve your experience",),
    ),
]

CREDITS = [
    "AP Photo/Alex Brandon",
    "Matt Rourke/AP",
    "Kevin Wolf/AP",
    "AP Photo/Jane Ruiz",
    "Tom Eliot/Reuters",
    "Ana Lopes/AFP",
]
