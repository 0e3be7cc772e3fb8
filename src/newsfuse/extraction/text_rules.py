"""Cue phrases and thresholds for cleaning plain text copied from web pages.

Each cue is a regular expression for one kind of page furniture (share widgets, appeals, comment
chrome, related-story lists, credits, navigation, legal boilerplate), in several languages. A cue
only fires on a line of at most `max_words` words, so that an article sentence which merely mentions
"share" or "support" is never taken for a widget. `terminal` cues mark the end of the article when
they come after enough article text: what follows them is page furniture or reader comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# ----------------------------------------------------------------- thresholds
PROSE_MIN_WORDS = 25  # a line this long is article prose whatever its punctuation (headlines are shorter)
SENTENCE_MIN_WORDS = 7  # ... or this long and ending like a sentence
HEADLINE_MIN_WORDS = 3  # a title has at least this many words ...
HEADLINE_MAX_WORDS = 25  # ... and at most this many
HEADLINE_MAX_CHARS = 220
NAV_MAX_WORDS = 6  # short non-sentence lines in the page head are menus, sections, breadcrumbs
ARTICLE_MIN_WORDS = 50  # prose words needed before a terminal cue can end the article
CONTINUATION_MIN_WORDS = 40  # article-like words after a terminal cue that show the article goes on
CONTINUATION_LINE_WORDS = 10  # ... counted on sentence lines at least this long
PROMO_MIN_WORDS = 5  # a promotional block goes on over lines at least this long in the publisher's voice
LIST_RUN_MIN = 4  # this many headline-like lines in a row anywhere are a menu or teaser list
WRAP_MIN_WORDS = 6  # a line this long, cut mid-sentence and followed by lower case, was hard-wrapped
TAIL_RUN_MIN = 3  # a run of this many headline-like lines ending the text is a teaser list
CAPTION_MAX_WORDS = 40  # a line with a credit marker and at most this many words is a caption
DATELINE_MAX_WORDS = 16  # a line that is a date (with labels, time, place, byline) has at most this many
DATELINE_REST_MAX_WORDS = 4  # words left once the date, time and labels are taken out
BYLINE_MAX_WORDS = 12
HEAD_FRACTION = 0.5  # dates and bylines are trusted in this first part of the text only
LANG_MIN_CHARS = 20  # langid needs some text

# Typesetting codes of the LDC wire texts (DUC, TAC, Gigaword copies): "support services &UR; &LR; are"
TYPESETTING_CODE = re.compile(r"&(?:UR|LR|QL|QR|QC|HT|MD|TF|TL|TR|Cx[0-9A-Fa-f]{1,4});")

# Characters that end a sentence (after closing quotes and brackets are stripped).
SENTENCE_END = ".!?…。！？؟।"
CLOSERS = "\"'”’»)]›"


@dataclass(frozen=True)
class Cue:
    kind: str  # the Removed kind it gives
    pattern: re.Pattern[str]
    max_words: int = 12
    terminal: bool = False  # ends the article when it comes after enough article text
    role: str = ""  # "header": opens a list or section (related / comments); "chrome": comment widget line


def _cue(kind: str, regex: str, max_words: int = 12, terminal: bool = False, role: str = "") -> Cue:
    return Cue(kind, re.compile(regex, re.IGNORECASE | re.UNICODE), max_words, terminal, role)


_SHARE_WORDS = (
    r"share|share this( article| story| page| post)?|share (on|via|to) \w+|shares?|tweet|pin it|email|e-mail|print"
    r"|whatsapp|facebook|twitter|linkedin|pinterest|reddit|telegram|messenger|copy link|copy url|x"
    r"|مشاركة|شارك|شارك(ها|ه)|partager|partagez|teilen|compartir|compartilhar|compartilhe|condividi|delen"
    r"|udostępnij|поделиться|paylaş|分享|シェア|共有|공유|bagikan|chia sẻ|dela|del|jaa|sdílet|megosztás"
    r"|distribuie|κοινοποίηση|שתף|शेयर करें|แชร์"
)
_SOCIAL = r"(facebook|twitter|instagram|youtube|linkedin|tiktok|pinterest|whatsapp|telegram|snapchat|threads|x)"
_LIST_HEADERS = (
    r"read more|read also|read next|more|see more|see also|related|related (articles?|stories|posts|news|content|coverage)"
    r"|more (stories|news|articles|on this( story)?|from [\w .'’-]+|like this)|most (read|popular|viewed|shared)"
    r"|recommended( for you)?|you (may|might) (also )?like|trending( now)?|top stories|latest( news)?|editor'?s picks"
    r"|popular|also read|don'?t miss|watch|watch next|further reading|in other news|what to read next|up next"
    r"|lire aussi|à lire aussi|sur le même sujet|weiterlesen|mehr zum thema|auch interessant|leer más|lee también"
    r"|te puede interesar|leia (mais|também)|veja também|leggi anche|potrebbe interessarti|lees ook|читайте также"
    r"|اقرأ أيضا|اقرأ أيضاً|مواضيع ذات صلة|相关新闻|関連記事|관련기사"
)

CUES: tuple[Cue, ...] = (
    # --- share / follow widgets
    _cue("share", rf"^(({_SHARE_WORDS})\s*[:：|•·,/-]?\s*)+$", 10, terminal=True),
    _cue("share", rf"^(\s*[|•·/]?\s*{_SOCIAL}\b)+\s*$", 10),
    _cue("share", r"\b(follow|like|join|find) (us|our [\w' -]+?)\b.*\b(on|at|via) " + _SOCIAL, 40, terminal=True),
    _cue("share", r"\bclick here to (join|follow|like)\b", 40, terminal=True),
    _cue("share", r"^(click|tap) to (share|email|print|tweet|pin)\b", 16),
    _cue("share", r"^(follow|suivez|folgen sie|síguenos|siga|segui)\b.*(\bon\b|@|" + _SOCIAL + ")", 14),
    _cue("share", r"^(share|tweet|email|print|comment)s?\s*\(?\d+\)?$", 3),
    # --- appeals, memberships, newsletters, sign-ups
    _cue("appeal", r"^before you go\b", 60, terminal=True),
    _cue("appeal", r"\bwe need your (help|support)\b", 80, terminal=True),
    _cue("appeal", r"\b(support|fund) (our|independent|quality|local|this) (journalism|reporting|work|newsroom)\b",
         60, terminal=True),
    _cue("appeal", r"\b(make a|every|one-off|monthly) contribution\b|\bbecome a (supporter|member|patron|subscriber)\b"
         r"|\bdonate (now|today)\b|\bfrom as little as\b|\bsupport us\b|\bplease consider (supporting|subscribing)\b",
         60, terminal=True),
    _cue("appeal", r"\b(sign up|subscribe|register)\b.*\b(newsletter|briefing|updates|inbox|alerts)\b", 30),
    _cue("appeal", r"\bnewsletter\b.*\b(sign up|subscribe|inbox|daily|weekly)\b|\bget (the|our) [\w ]*newsletter\b",
         30),
    _cue("appeal", r"^(subscribe( now| today)?|sign up( now)?|sign me up|get the newsletter|enter your email"
         r"( address)?|your email( address)?|thank you for subscribing|already a subscriber\??|abonnez-vous"
         r"|jetzt abonnieren|suscríbete|assine|iscriviti)\b", 14),
    _cue("appeal", r"\bby (signing up|subscribing|clicking)\b.*\b(agree|consent|accept)\b", 60),
    _cue("appeal", r"\b(subscribe|subscribers?) (to|for) (continue|read|unlimited|full) (reading|access)\b", 30),
    # --- advertisements, cookies, legal footer
    _cue("boilerplate", r"^(advertisement|advertising|advert|ad|ads|sponsored( content)?|paid (post|content)"
         r"|promoted( content)?|story continues below( advertisement)?|continue reading( (the )?(main )?story)?( below)?"
         r"|article continues below|anzeige|werbung|publicité|publicidad|publicidade|pubblicità|реклама|广告|إعلان"
         r"|reklama|advertentie|annons|mainos)\s*[:.]?$", 6),
    _cue("boilerplate", r"\b(we|this (site|website)) uses? cookies\b|\bcookie (policy|settings|preferences|consent)\b"
         r"|\baccept (all )?cookies\b|\b(utilizziamo i|nous utilisons des|wir verwenden|utilizamos|usamos) cookies?\b"
         r"|\bi agree to\b.*\b(privacy|terms|processing of my)\b|\bby (continuing to )?(use|using|browse|browsing) (this|our) (site|website)\b",
         80),
    _cue("boilerplate", r"^(accept|accept all|reject all|manage (preferences|settings|cookies)|got it|ok|i agree"
         r"|agree|dismiss|close|close x|×|x)$", 3),
    _cue("boilerplate", r"(©|\(c\)|\bcopyright\b)\s*(\d{4})?|\ball rights reserved\b|\btous droits réservés\b"
         r"|\balle rechte vorbehalten\b|\btodos los derechos reservados\b", 25, terminal=True),
    _cue("boilerplate", r"\b(terms (of|and) (use|service|conditions)|privacy (policy|notice|settings)|contact us"
         r"|about us|accessibility|sitemap|site map|cookie policy)\b", 14),
    _cue("boilerplate", r"\bthis (material|article|content) may not be (published|reproduced|broadcast)\b", 40),
    _cue("boilerplate", r"\b(you have|you've) (\d+|one|no) (free )?(articles?|stories) (left|remaining)\b", 30),
    _cue("boilerplate", r"\b(please )?(enable|turn on) javascript\b|\byour browser (does not|doesn't) support\b", 40),
    _cue("boilerplate", r"^(image|video|audio|media) (caption|playback|player)\b|^(play|pause|replay|mute|unmute)"
         r"( video)?$|^\d{1,2}:\d{2}$", 10),
    # --- navigation
    _cue("navigation", r"^(home|menu|search|skip to (main )?content|skip navigation|log ?in|log ?out|sign ?in"
         r"|sign ?out|register|my account|account|profile|back to top|top|next|previous|prev|next article"
         r"|previous article|load more|show more|view all|see all|more|close menu|open menu|toggle navigation"
         r"|go to|main menu|sections|topics|tags?|categories|category|edition|english|español|français|deutsch)"
         r"\s*[:»›>]?$", 4),
    _cue("navigation", r"^[\w&'’ .-]+( [>»›/|] [\w&'’ .-]+){2,}$", 14),  # breadcrumbs, menus on one line
    _cue("navigation", r"^(tags?|topics?|filed under|categories|posted in|labels?|mots-clés|schlagwörter"
         r"|etiquetas)\s*:", 30),
    # --- related-story lists and teasers
    _cue("related", rf"^({_LIST_HEADERS})\s*[:：»›>|…\.]*$", 8, terminal=True, role="header"),
    _cue("related", rf"^({_LIST_HEADERS})\s*[:：»›>|]\s*\S", 30),
    _cue("related", r"^more [A-Z][\w'’.-]*( [A-Z][\w'’.-]*){0,4}$", 6, terminal=True, role="header"),
    _cue("related", r"^(click|tap) here (to|for)\b|^(watch|listen|video|gallery|photos|in pictures)\s*[:|]", 25),
    # --- comments
    _cue("comment", r"^(\d+\s+)?(comments?|reader comments|responses|replies|discussion|kommentare"
         r"|commentaires|comentarios|comentários|commenti|تعليقات|комментарии)\s*(\(\d+\))?\s*[:]?$", 4,
         terminal=True, role="header"),
    _cue("comment", r"^(join the (conversation|discussion|debate)|leave a (comment|reply)|post a comment"
         r"|add (a|your) comment|have your say|what do you think\??|show comments|view comments|load comments"
         r"|comments are (closed|now closed)|sort by\b.*|top comments)\b", 12,
         terminal=True, role="header"),
    _cue("comment", r"^(\d+|one|no) (responses?|thoughts?|comments?|replies|reactions?) (to|on)\b", 30,
         terminal=True, role="header"),
    _cue("comment", r"^\S+( \S+){0,3} (says|said|wrote|commented|replied)\s*:?$", 6, role="chrome"),
    _cue("comment", r"^(\d+ )?(comments?|responses?)\b.*\b(feed|rss|back to top|permalink)\b", 12, terminal=True,
         role="header"),
    _cue("comment", r"^(newest|oldest|most liked|best|top|popular|sort by)( first)?$", 3, role="chrome"),
    _cue("comment", r"^(reply|report|flag|like|dislike|share|permalink|edit|delete|upvote|downvote|recommend"
         r"|report abuse|\d+ (replies|reply|likes?|points?|upvotes?|votes?|recommendations?)|reply to [\w .-]+)"
         r"(\s*[|·•]\s*(reply|report|flag|like|share|permalink|\d+))*\s*$", 6, role="chrome"),
    _cue("comment", r"^\d+\s*(s|sec|secs|m|min|mins|h|hr|hrs|d|w|mo|y)$|^(\d+|an?|one) (seconds?|minutes?|hours?"
         r"|days?|weeks?|months?|years?) ago$|^(just now|yesterday|edited)$", 6, role="chrome"),
    # --- credits and bylines that trail an article
    _cue("credit", r"^(picture|pictures|photo|photos|photograph|image|images|credit|credits|source|illustration"
         r"|foto|bild|imagen|immagine|crédit|crédito|фото|الصورة)\s*[:：]", 20),
    _cue("credit", r"\b(getty images?|shutterstock|istock(photo)?|alamy|afp via getty|ap photo|pa (wire|media)"
         r"|reuters/|/reuters|epa-efe|rex features)\b", 25),
    _cue("credit", r"^\(?(photo|image|picture|video)s? (by|courtesy of|via)\b", 20),
    _cue("credit", r"[(\[](ap|afp|reuters|getty|image credit|photo|picture|credit|file)\b[^)\]]*[)\]]\s*$"
         r"|\bimage credit:|©\s*[\w.]+\s*/\s*\w+|\b(ap|afp) photo/", 60),
    _cue("byline", r"^\(?(reporting|additional reporting|writing|editing|edited) by\b", 40),
    # "(William Saletan is a Slate senior writer)": the author's note a column opens or closes on
    _cue("byline", r"^\(\s*[A-Z][\w.'’ -]{2,40} (is|was) (an?|the) [^()]{0,80}\b(writer|columnist|correspondent|editor"
         r"|reporter|contributor|author)\b[^()]*\)\s*$", 30),
    _cue("dateline", r"(?-i:^UNDATED\b)", 12),  # the wire's place-less dateline: "UNDATED SIDEBAR TO CAPITAL-PUNISHMENT"
    # --- wire-service handling notes (the NYT news service and syndicate copy in DUC/TAC and newsroom feeds)
    _cue("boilerplate", r"\bfor use by (clients|subscribers) of\b|\bsyndicate sales\b|\b(is|are) available from the new york"
         r" times\b|^\(?\s*(distributed by|for use by) (the )?new york times\b|^\(?story can end here\b"
         r"|\boptional material follows\b|^\(?(the following|this)\b.{0,60}\b(article|story|column|commentary)\b.{0,60}"
         r"\b(is|was) (available|excerpted|reprinted|distributed|moved)\b", 45),
)

# The cue kinds whose widgets can end the article.
# Publisher voice: promotional blocks talk about "we/our/us"; a reader comment rarely does.
PUBLISHER_VOICE = re.compile(r"\b([Ww]e|[Ww]e're|[Ww]e've|[Oo]ur|[Oo]urs|us)\b")  # not "US", the country
READER_ADDRESS = re.compile(r"\b(you|your)\b", re.IGNORECASE)
PROMO_WORDS = re.compile(
    r"\b(subscribe|subscription|newsletter|donat\w*|contribut\w*|support\w*|advertis\w*|sponsor\w*|share|follow"
    r"|contact|e-?mail|click|sign up|join|readers?|readership|page views|community)\b|@|https?://|www\.",
    re.IGNORECASE,
)
FIRST_PERSON = re.compile(r"\b(I|I'm|I’m|I've|I’ve|I'd|[Mm]y|me|IMO|IMHO|imo|imho)\b")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»|„[^“”]*[“”]|「[^」]*」")
UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# Only ever searched for (a short line holding an address is boilerplate), so a URL needs no more than its
# first character after the scheme, and an e-mail address starts only where a token starts: otherwise a
# search in one long token without spaces retries at every character, quadratic (issue 17: 200 KB > 60 s).
URL_OR_EMAIL = re.compile(r"https?://\S|www\.\S|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]")

# ------------------------------------------------------------- dates, bylines
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
    # French, German, Spanish, Italian, Portuguese, Dutch
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "januar": 1, "februar": 2, "märz": 3, "maerz": 3, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9,
    "ottobre": 10, "dicembre": 12,
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9, "outubro": 10,
    "dezembro": 12, "januari": 1, "februari": 2, "maart": 3, "augustus": 8,
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\b{_YEAR}-(?P<mnum>[01]?\d)-{_DAY}\b"),  # 2018-12-04
    re.compile(rf"\b{_DAY}\s+(?:of\s+|de\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}\b", re.IGNORECASE),  # 4 December 2018
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),  # Dec. 4, 2018
    re.compile(rf"\b{_DAY}[./](?P<mnum>[01]?\d)[./]{_YEAR}\b"),  # 04.12.2018, 4/12/2018 (day first)
    re.compile(rf"\b{_YEAR}/(?P<mnum>[01]?\d)/{_DAY}\b"),  # 2018/12/04
)
# Words a dateline carries besides the date itself.
DATELINE_WORDS = re.compile(
    r"\b(published|posted|updated|last updated|last modified|modified|created|first published|on|at|am|pm|a\.m\."
    r"|p\.m\.|gmt|bst|utc|est|edt|cst|cdt|pst|pdt|cet|cest|ist|aest|et|pt|date|time|hrs|h"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
    r"|publié|mis à jour|veröffentlicht|aktualisiert|publicado|actualizado|atualizado|pubblicato|aggiornato"
    r"|gepubliceerd|opublikowano|le|el|am|um|de|del|às|alle|ore)\b", re.IGNORECASE,
)
DATELINE_LABEL = re.compile(r"^\s*(published|posted|first published|updated|last updated|date|publié|veröffentlicht"
                            r"|publicado|pubblicato)\b", re.IGNORECASE)
TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|\b\d{1,2}\s*(?:am|pm)\b", re.IGNORECASE)

NAME = r"[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|da|van|von|der|del|la|le|bin|al|el)){1,4}"
BYLINE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"^(?i:by|written by|posted by|words by|von|par|por|di|door|автор|بقلم)\s*:?\s+(?P<name>{NAME}"
               rf"(?:\s*(?:,|and|&)\s*{NAME})*)", re.UNICODE),
    re.compile(rf"^(?:author|reporter|writer|autor|auteur)\s*:\s*(?P<name>{NAME})", re.IGNORECASE),
    re.compile(rf"^(?P<name>{NAME})\s*[|,–—-]\s*(?:senior |chief |political |staff |local |crime |home affairs )?"
               r"(?:reporter|correspondent|editor|writer|journalist|columnist|contributor|producer"
               r"|news editor|staff writer)\b", re.IGNORECASE),
)
REPORTING_BY = re.compile(rf"^\(?(?i:reporting|writing|additional reporting) by (?P<name>{NAME})")
# Outlets stated in the text: "© 2018 Reuters", "LONDON (Reuters) -". The flag marks credit lines, where a
# photo agency is named rather than the publisher; none is read any more: a plain-text credit ("Picture:
# SWNS", "Photo: BBC") names whoever took the picture, which is no evidence of the publisher (issue 18).
_ORG = r"[A-Z][\w&'’-]*(?:\.[A-Za-z]{2,4})?(?:\s+[A-Z][\w&'’-]*){0,4}"
OUTLET_PATTERNS: tuple[tuple[re.Pattern[str], bool], ...] = (
    (re.compile(rf"(?i:©|\(c\)|copyright)\s*(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?)?\s*,?\s*(?P<name>{_ORG})"), False),
    (re.compile(r"^[A-Z][A-Za-z .,'-]{1,40}\((?P<name>[A-Z][\w&. ]{1,30})\)\s*[-–—]"), False),
    (re.compile(r"^\((?P<name>[A-Z][\w&. ]{1,30})\)\s*[-–—]"), False),
    (re.compile(rf"\bjoin our (?P<name>{_ORG}) (?:community|family|newsletter)\b"), False),
    (re.compile(r"\b(?:we|I) (?:started|founded|launched) ['‘\"“](?P<name>[A-Z][^'’\"”]{2,40})['’\"”]"), False),
)
# Photo agencies: named in a credit line, they are not the outlet that published the article.
AGENCIES = frozenset({
    "pa", "ap", "afp", "reuters", "getty", "getty images", "shutterstock", "alamy", "epa", "rex", "istock",
    "pa wire", "pa media", "bloomberg", "handout", "file", "supplied", "twitter", "facebook", "instagram",
    "youtube", "x", "google", "nasa", "wikimedia", "wikimedia commons", "ap photo", "afp via getty images",
})
