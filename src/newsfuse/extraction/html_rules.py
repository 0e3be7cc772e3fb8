"""Every rule of the HTML extractor in one place: tag sets, class/id hints, boilerplate text patterns, weights.

Hints are read from the class and id tokens of an element (and a few attributes such as role or aria-hidden).
A hint names the `Removed.kind` of the block it marks, or "content" for a likely article-body container.
They are general names web templates use (share bars, newsletter boxes, related lists, captions ...),
never one site's markup.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# ------------------------------------------------------------------------------------------------ tags
SKIP_TAGS = frozenset(
    "script style noscript template svg math iframe object embed canvas video audio select option button "
    "input textarea head title link meta map area source track img picture dialog".split()
)
BLOCK_TAGS = frozenset(
    "html body address article aside blockquote center dd details div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hgroup li main menu nav ol p pre section summary table tbody thead tfoot tr "
    "td th caption ul legend".split()
)
# menus and page footers are never article text, and walking their link farms costs more time than anything
# else: they are not walked but reported in Article.removed as one compact, truncated text each
SUMMARISED_TAGS = frozenset({"nav", "footer"})
SUMMARY_MAX_CHARS = 300
# subtrees hinted as these kinds are walked only when needed (the article might be inside one after all, or
# their text is reported): most of a page's markup is in them
LAZY_KINDS = frozenset({"navigation", "related", "boilerplate", "share", "comment", "appeal"})
LAZY_ORDER_STEP = 1e-6  # document-order step for the items of a subtree walked later
SUMMARY_SELECTOR = ", ".join(sorted(SUMMARISED_TAGS))
# elements a comment hint may be on (a superset of the 'comment' class/id pattern below): a lazy subtree
# holding one is walked, so that no reader comments are lost
COMMENT_SELECTOR = ", ".join(
    f'[{attr}*="{word}" i]' for attr in ("class", "id") for word in ("comment", "disqus", "respond", "repl", "discussion")
)
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
BREAK_TAGS = frozenset({"br", "hr"})
LINK_TAG = "a"
# inline tags whose attributes are not worth reading (formatting, not page furniture)
PLAIN_INLINE_TAGS = frozenset("b strong em i u sup sub small abbr cite code time mark q s font var kbd bdi bdo wbr".split())
# block containers never hinted away: a whole page or its main region carries classes such as "has-sidebar",
# and a table row's classes name its record ("player-17", "team-row"), not its role on the page
UNHINTED_TAGS = frozenset({"html", "body", "main", "tr"})
# tags that are boilerplate by themselves, with the kind their text is reported as
TAG_KINDS = {
    "nav": "navigation",
    "footer": "navigation",
    "aside": "related",
    "figcaption": "credit",
    "figure": "credit",
    "header": "byline",
}
ROLE_KINDS = {
    "navigation": "navigation",
    "banner": "navigation",
    "contentinfo": "navigation",
    "complementary": "related",
    "menu": "navigation",
    "menubar": "navigation",
    "dialog": "boilerplate",
    "alert": "boilerplate",
    "search": "navigation",
}
CONTENT_ITEMPROPS = frozenset({"articlebody", "text", "reviewbody", "description articlebody"})

# ----------------------------------------------------------------------------------------- class/id hints
# (kind, pattern) in priority order; a pattern is searched in one lower-cased class token or the id
_HINT_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "embed",
        r"twitter-tweet|instagram-media|tiktok-embed|social-(media-)?embed|"
        r"embed[-_]?(twitter|instagram|tweet|facebook|social)|(twitter|instagram|tweet|facebook)[-_]?embed",
    ),  # embedded posts quoted by the article: content
    (
        "hidden",  # never shown as part of the text: screen-reader labels, hover cards, tooltips
        r"^(is[-_]|u[-_]|js[-_])?(hidden|hide|invisible)$|^d-none$|sr-only|visually[-_]?hidden|screen[-_]?reader|"
        r"tooltip|popover|rollover|hover[-_]?card",
    ),
    (
        "content",
        r"^(article|story|post|entry|main|page|body|news|blog|single)[-_]?(body|content|text|copy|inner)s?"
        r"([-_](wrapper|wrap|inner|container|main|text|content|body|area|section|article|story|\d+))*$"
        r"|^(articlebody|storybody|postbody|bodytext|body-text|text-body|articletext|article_text|richtext|"
        r"rich-text|paywall-article|field-body|field-name-body|field-name-field-body|"
        r"article-detail|articledetail|article__text|"
        r"article__body|story-text|text-content|e-content)$",
    ),
    ("comment", r"comment(?!ary)|disqus|^respond$|^replies$|(^|[-_])reply([-_]|$)|(^|[-_])discussion([-_]|$)"),
    ("share", r"shar(e|ing)(?!d)|social|sociable|addthis|(^|[-_])a2a|follow[-_]?us|(^|[-_])print[-_]?(this|link)"),
    (
        "appeal",
        r"newsletter|subscri|sign[-_]?up|signup|donat|membership|(^|[-_])promo|(^|[-_])cta([-_]|$)|"
        r"optin|opt-in|register|regwall|inline[-_]?message|upsell",
    ),
    (
        "related",
        r"related|recommend|more[-_]?(stories|articles|news|from|on|in|like)|most[-_]?(popular|read|viewed)|"
        r"popular|trending|read[-_]?(more|next|also)|also[-_]?read|next[-_]?(article|story|post|up)|"
        r"taboola|outbrain|recirc|further[-_]?reading|you[-_]?may|suggest|teaser|(^|[-_])promos?([-_]|$)|"
        r"(^|[-_])(rail|side-bar)([-_]|$)|sidebar|^widgets?([-_]|$)",
    ),
    ("credit", r"caption|credit|(^|[-_])(photo|image)[-_]?(source|info|meta)|copyright|(^|[-_])attribution"),
    (
        "byline",
        r"byline|(^|[-_])authors?([-_]|$)|author[-_]?(info|name|bio|box|details|block|wrap)|contributor|"
        r"(^|[-_])(article|post|entry|story)[-_]?(meta|info|details|header|tools|footer|tags|topics)|"
        r"(^|[-_])meta([-_]|$)|timestamp|(^|[-_])(pub|publish|published|post)[-_]?date|(^|[-_])date([-_]|$)",
    ),
    ("dateline", r"dateline"),
    (
        "navigation",
        r"(^|[-_])nav([-_]|$)|navbar|navigation|(^|[-_])menu|breadcrumb|paginat|pager|(^|[-_])footer|"
        r"masthead|(^|[-_])search([-_]|$)|(^|[-_])(next|prev|previous)([-_]|$)|(^|[-_])header([-_]|$)|site[-_]?header|skip[-_]?link|toolbar|(^|[-_])tabs?([-_]|$)|"
        r"^((post|entry|article|story|news)[-_])?(tags|tag[-_]?(list|cloud|links)|topics|keywords|categories)"
        r"([-_](list|wrap|wrapper|container|links|box))?$",
    ),
    (
        "boilerplate",
        r"(^|[-_])(ad|ads|advert|adv|adslot|dfp|gpt)([-_]|$)|advertis|sponsor|cookie|consent|gdpr|modal|popup|"
        r"overlay|print[-_]?only|(^|[-_])noprint|disclaimer|(^|[-_])banner|lightbox|(^|[-_])alert([-_]|$)|"
        r"(^|[-_])(login|signin)|video[-_]?player|(^|[-_])player([-_]|$)|"
        r"(^|[-_])(rating|vote|poll|quiz)([-_]|$)",
    ),
)


def _fast(pattern: str) -> str:
    """The same pattern with token-boundary groups as lookarounds, which Python's re searches ~30% faster."""
    return pattern.replace("(^|[-_])", "(?<![^-_])").replace("([-_]|$)", "(?![^-_])")


_HINTS = tuple((kind, re.compile(_fast(pattern))) for kind, pattern in _HINT_PATTERNS)


def _required_literals(items: Any) -> set[str] | None:
    """Strings one of which every match of a parsed pattern contains, or None when that cannot be told."""
    from re import _constants as C  # type: ignore[attr-defined]

    run, options = "", []
    for op, arg in items:
        if op is C.LITERAL:
            run += chr(arg)
            continue
        if run:
            options.append({run})
            run = ""
        found: set[str] | None = None
        if op is C.SUBPATTERN:
            found = _required_literals(arg[-1].data)
        elif op is C.BRANCH:
            branches = [_required_literals(branch.data) for branch in arg[1]]
            found = set().union(*branches) if all(branches) else None  # type: ignore[arg-type]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and arg[0] >= 1:
            found = _required_literals(arg[2].data)
        if found:
            options.append(found)
    if run:
        options.append({run})
    return max(options, key=lambda o: (min(map(len, o)), -len(o))) if options else None


def _hint_gate() -> re.Pattern[str] | None:
    """One search that rules out most tokens no hint can match (a token must hold one of the patterns'
    required literals), so only the rest pay for the hint patterns one by one. None if it cannot be built."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        found = [_required_literals(_parser.parse(pattern).data) for _, pattern in _HINT_PATTERNS]
    except (ImportError, AttributeError, TypeError, IndexError):  # a Python whose re internals differ
        return None
    if not all(found):
        return None
    literals = set().union(*found)  # type: ignore[arg-type]
    shortest = [x for x in literals if not any(y != x and y in x for y in literals)]  # 'nav' covers 'navbar'
    return re.compile("|".join(map(re.escape, sorted(shortest))))


_GATE = _hint_gate()
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
# layout modifiers ("has-sidebar", "content-with-comments") describe a page's layout, not the element's role
_MODIFIER = re.compile(r"(^|[-_])(with|has|no|without|enabled?|show|allow|open|closed)[-_]|[-_](enabled|open|closed|on|off)$")


_DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=65536)
def token_kind(token: str) -> str | None:
    """Kind a single class token or id names, or None; camelCase is split so 'shareBar' reads 'share-bar'.

    Numbers are folded ('post-1806' reads 'post-0') so generated names share one cache entry."""
    if len(token) > 80:
        return None
    return _token_kind(_DIGITS.sub("0", token))


@lru_cache(maxsize=65536)
def _token_kind(token: str) -> str | None:
    low = _CAMEL.sub("-", token).lower()
    if _GATE is not None and not _GATE.search(low):
        return None
    if _MODIFIER.search(low):
        return None
    for kind, pattern in _HINTS:
        if pattern.search(low):
            return kind
    return None


def attribute_kind(classes: str, ident: str) -> str | None:
    """Kind named by an element's class list and id: 'hidden' wins, then an article-body name, then the first kind."""
    found = _class_kind(classes) if classes else None
    if found == "hidden" or not ident:
        return found
    kind = token_kind(ident)
    if kind == "hidden" or kind == "content" or found is None:
        return None if kind == "embed" else kind
    return found


@lru_cache(maxsize=65536)
def _class_kind(classes: str) -> str | None:
    found: str | None = None
    for token in classes.split():
        kind = token_kind(token)
        if kind == "hidden":
            return kind
        if kind == "embed":
            return None
        if kind == "content" or found == "content":
            found = "content"
        else:
            found = found or kind
    return found


def style_hidden(style: str) -> bool:
    """True for inline styles that hide an element from readers."""
    low = style.replace(" ", "").lower()
    return "display:none" in low or "visibility:hidden" in low


# ----------------------------------------------------------------------------------------- text patterns
# Short blocks inside the article container whose wording marks them as boilerplate.
TEXT_PATTERN_MAX_CHARS = 220
_TEXT_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "boilerplate",
        r"^(advertisement|advertisment|advert|ad|sponsored( content| links| stories)?|story continues below|article continues below|"
        r"continue reading( below)?|scroll to continue.*|loading\W*|skip (to|ad).*|this content is not available.*|"
        r"(you must )?enable javascript.*|this (slideshow|video|content|page|site) requires javascript.*|"
        r"\[\w+[^\]]*\].*\[/\w+\]|copyright\b.*)\W*$",
    ),
    (
        "comment",
        r"^(\d+\s+)?(comments?|reader comments|leave a (comment|reply)|post a comment|add a comment|join the (discussion|conversation)"
        r"|discussion|conversation|what do you think\??|tell us what you think"
        r"|kommentare?|commentaires?|coment[aá]rios?|commenti|reacties|komentarze|yorumlar|комментарии|отзывы"
        r"|leser(kommentare|meinungen)|comments are closed\.?|\d+ responses?( to .{0,120})?)(\s*\(\d+\))?\W*$",
    ),
    (
        "share",
        r"^((click to )?share( this( article| story| post| page)?)?( on (facebook|twitter|x|linkedin|whatsapp|email))?"
        r"|tweet( this)?|email( this)?|print( this)?|copy( the)? link|facebook|twitter|pinterest|linkedin|whatsapp"
        r"|reddit|flipboard|like this:?|like loading\W*|(share|follow)( us)? on .{0,40}"
        r"|(like this (story|article|post)\W*)?share (it|this)( story| article)? with (a friend|friends|your friends))\W*$",
    ),
    (
        "appeal",
        r"^(subscribe( now| today| here)?|sign up( now| today| here)?|register|log ?in|sign ?in)\W*$|"
        r"^.{0,120}\b(sign up (for|to)|subscribe (to|now|today|for)|newsletter|support (our|independent) journalism|"
        r"become a (member|subscriber|patron)|donate( now| today)?|get (our|the) .{0,40} in your inbox|"
        r"download (our|the) app|follow us on|follow\b.{0,60}\bon (facebook|twitter|instagram|linkedin|youtube)|"
        r"like us on facebook|join (us|our) on)\b.{0,120}$",
    ),
    (
        "related",
        r"^((more|other|latest|top|recent|popular|related|similar|recommended)\b.{0,40}\b"
        r"(stories|articles|news|posts|reads|videos|headlines)|don'?t miss|must read|see more|related( articles?| stories| content| coverage| news| topics)?|read more|more:?|see also|also read|"
        r"read also|recommended|recommended (stories|articles|reading)|editor'?s picks?|top stories|latest (news|stories)|"
        r"popular (stories|posts|articles)|more (stories|articles|news)|( for you)?|you (may|might) (also )?(like|enjoy|be interested in)|most (popular|read|viewed)|trending( now)?|"
        r"more (from|on|in|stories|news) .{0,60}|(read|watch|listen)( more)?:.{0,200}|related:.{0,200}|"
        r"(click|tap) here .{0,160}|"
        # the same in other languages
        r"(lesen sie auch|mehr zum thema|das könnte sie (auch )?interessieren|à lire aussi|lire aussi|sur le même sujet|"
        r"leia (também|mais)|veja também|lea también|te puede interesar|noticias relacionadas|leggi anche|"
        r"articoli correlati|читайте также|самые популярные.{0,40}|похожие (статьи|новости)|gerelateerd|lees ook)\W*)\W*$",
    ),
    (
        "credit",
        r"^(\(?(photo|image|picture|video|graphic|illustration|credit|source|file photo|foto)s?( by| credit)?\s*[:/|].{0,160}"
        r"|.{0,60}\b(getty images|shutterstock|associated press|ap photo|afp( via getty)?|reuters)( photo)?\)?)\W*$",
    ),
    (
        "byline",
        r"^(by|por|von|par|di|door)\s+[A-Z\u00c0-\u024f][^.!?]{0,80}$|"
        r"^.{0,160}\bcontributed (reporting )?to this (report|story|article)\W*$|"
        r"^(published|posted|updated|last updated|first published|publicado|publié|veröffentlicht|pubblicato)\b.{0,120}$",
    ),
    (
        "navigation",
        r"^(tags?|topics?|categories|category|filed under|keywords|related topics|more about)\s*:.{0,200}$",
    ),
)
TEXT_PATTERNS = tuple((kind, re.compile(pattern, re.I | re.S)) for kind, pattern in _TEXT_PATTERNS)
# copyright lines are boilerplate wherever the notice sits in them (a search, cheaper than ^.*(...).*$)
COPYRIGHT = re.compile(r"all rights reserved|©|\(c\) \d{4}|copyright\W+\d{4}", re.I)
# a box whose heading reads like one of these is that kind of boilerplate as a whole
SECTION_HEADING_KINDS = frozenset({"comment", "related", "appeal", "share"})
SECTION_HEADING_MAX_CHARS = 50  # section labels are short; a longer heading is a headline
# ... and so is a list, or a link-heavy box, right after such a heading
LIST_TAGS = frozenset({"ul", "ol", "dl"})
SECTION_LINK_SHARE = 0.3


_MONTHS = (
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|"
    r"dec(ember)?|mon(day)?|tue(sday)?|wed(nesday)?|thu(rsday)?|fri(day)?|sat(urday)?|sun(day)?"
)
# a block that is nothing but a date and time ("Nov. 19, 2019, 8:41 AM UTC", "2019-11-20 17:27")
DATE_ONLY = re.compile(
    rf"^((updated|published|posted|last updated|first published|on|at|am|pm|[a-z]{{1,4}}t|utc|gmt|{_MONTHS})\b|[\d\s.,:/|+-])+$",
    re.I,
)
DATE_ONLY_MAX_CHARS = 70
DATE_SHAPE = re.compile(rf"\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}|\d{{1,2}}:\d{{2}}|\b({_MONTHS})\b.*\d|\d.*\b({_MONTHS})\b", re.I)


@lru_cache(maxsize=16384)
def text_kind(text: str) -> str | None:
    """Kind of boilerplate a short block's wording shows, or None for ordinary text (cached: labels such as
    'Advertisement' or 'Share' repeat on every page of a site)."""
    if len(text) > TEXT_PATTERN_MAX_CHARS:
        return None
    if len(text) <= DATE_ONLY_MAX_CHARS and DATE_ONLY.match(text) and DATE_SHAPE.search(text):
        return "dateline"
    if COPYRIGHT.search(text):
        return "boilerplate"
    for kind, pattern in TEXT_PATTERNS:
        if pattern.match(text):
            return kind
    return None


# ------------------------------------------------------------------------------------------- weights
PARAGRAPH_MIN_CHARS = 40  # a block this long (or ending a sentence) reads as running text
SHORT_BLOCK_WEIGHT = -0.3  # per char: short non-link blocks (labels, dates) pull a container down a little
TABLE_CELL_TAGS = frozenset({"td", "th"})  # ... except table cells: short by nature (a data table is content)
LINK_BLOCK_WEIGHT = -0.6  # per char: link lists (menus, related headlines)
LINK_CHAR_WEIGHT = 1.5  # per link char inside running text
HINTED_SUBTREE_WEIGHT = -0.5  # per char of a child subtree hinted as boilerplate
CONTENT_HINT_BONUS = 1.25  # selection score factor for containers named like an article body
LINK_DENSITY_MAX = 0.5  # blocks with more link text than this are link lists ...
LINKED_SENTENCE_MIN_PLAIN = 40  # ... unless this much plain text around the links ends in a sentence
PROTECT_SHARE = 0.5  # a hinted child holding more than this share of the container's value is kept
# selection score factor for a box inside a subtree hinted as boilerplate (comment threads, footers ...)
ANNOUNCED_ZONE = "section"  # zone of a box whose own first heading names it ('Related posts', 'Comments')
ZONE_FACTORS = {"comment": 0.1, "navigation": 0.2, "related": 0.3, "appeal": 0.3, ANNOUNCED_ZONE: 0.1}
ZONE_FACTOR_DEFAULT = 0.5
LEAD_MAX_SIBLINGS = 3  # boxes before the container searched for a standfirst ...
LEAD_MIN_CHARS = 80  # ... a single plain block at least this long
LAZY_SIZE_MARGIN = 1.1  # a lazy subtree's size is estimated from its DOM text: allow for the difference
MIN_ARTICLE_SCORE = 80.0  # below this the page holds no article
HEADING_MAX_CHARS = 200
# scripts written without spaces between words (kana, CJK ideographs, hangul, fullwidth forms)
CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff01-\uff60\uff66-\uff9f"
SENTENCE_END = re.compile(r"[.!?\u3002\uff01\uff1f\u061f\u0964:;\"'\u201d\u2019)]\s*$")
