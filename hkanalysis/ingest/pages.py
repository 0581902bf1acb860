"""Split the plain text of a scraped news page into article records.

The input is what a person gets by select-all + copy in a browser, or a scraper's text dump: the
article sits among menus, share buttons, captions, price lists, headline lists and footers, and some
pages carry further full articles under a "Related Articles" heading.

The page is judged line by line, by shape rather than by rules for particular sites, in the spirit
of jusText: a line is body-like when it is long, ends like a sentence and is dense in stopwords; it
is boilerplate when it is a short link text, a CamelCase-glued menu, a price, a caption or credit, a
byline or date, or a sign-up/share prompt. The main text is the run of lines with the largest sum of
"body-ness" (long paragraphs add, boilerplate lines subtract), so a menu or widget in the middle of
an article costs little while a long footer far below it is cut off. The title, byline and date are
read from the header just above that run.

Lines that a browser copy glued together ("FacebookXLinkedInEmailLinkGiftBy Shirley Zhao...") are
split at the glue points first, so a glued menu falls apart into link texts and a glued
"economy.The city's" into two paragraphs. Everything runs in time linear in the page's length.

Decisions that a reader of the records should know:

- The standfirst (dek) between the headline and the byline is not body: it repeats the story in
  other words, and news-extraction gold standards leave it out. Key-point bullets and photo
  captions (a line ending in its credit, or followed by a credit line) are not body either.
- A leading dateline that carries a date or a source in parentheses (``(Yicai) Oct. 20 -- ``,
  ``KATHMANDU, April 25 (Reuters) - ``) is metadata and is cut from the body; it gives
  ``date_text`` when the header has no date, and the outlet when nothing else names one. A
  place-only dateline (``HONG KONG – ``, ``WASHINGTON -- ``) is part of the lead as printed and
  stays.
- The title is the headline-shaped line of the header that best fits a headline's place: text
  repeated elsewhere on the page (browser title, breadcrumb, share links), followed by a byline or
  date, starting the header group. A page with no such line gets ``title=None``.
- Authors come from the byline ("By X and Y", "Author of the article:" then names, or a bare name
  line next to the date), with job titles and a co-credited agency dropped ("Vasilisa Stepanenko
  The Associated Press" -> "Vasilisa Stepanenko"); an agency alone stays as the byline. Credit
  lines ("Editors: ...", "Reporting by ...") are not authors. Without a byline, an author bio
  closing the article ("X is The Straits Times' Hong Kong correspondent.") names the author and the
  outlet, and is cut from the body.
- The outlet comes from the browser title's " - Site" suffix, else a copyright line, an author bio,
  a "Subscribe to X digital"-style line, or a dateline source. ``syndicated_from`` is a news agency
  the page credits for the story (a lone "Bloomberg" line in the header, an agency byline or
  dateline source) when it differs from the outlet.
- Related articles are blocks that start with a relative date ("2 hours ago"), maybe a source line,
  then a headline and at least ``RELATED_MIN_WORDS`` words of body; teaser lists are not articles.
  A source line ("Yahoo") is the related article's outlet; a "Follow X on Google News" line in its
  body names the original publisher as ``syndicated_from``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ..tables import empty_record
from .dates import DATE_PATTERN, RELATIVE_PATTERN, parse_date, search_dates

#: Fewest body words a block introduced by a relative date needs to count as a related article.
RELATED_MIN_WORDS = 100

try:  # jusText ships with trafilatura; its English stoplist is the density measure jusText uses
    import justext

    STOPWORDS: frozenset[str] = frozenset(justext.get_stoplist("English"))
except ImportError:  # pragma: no cover - a small list keeps the module usable without it
    STOPWORDS = frozenset(
        [
            "a",
            "about",
            "after",
            "all",
            "also",
            "an",
            "and",
            "are",
            "as",
            "at",
            "be",
            "been",
            "but",
            "by",
            "can",
            "could",
            "for",
            "from",
            "had",
            "has",
            "have",
            "he",
            "her",
            "his",
            "i",
            "if",
            "in",
            "into",
            "is",
            "it",
            "its",
            "more",
            "most",
            "not",
            "of",
            "on",
            "one",
            "or",
            "our",
            "out",
            "said",
            "she",
            "so",
            "than",
            "that",
            "the",
            "their",
            "them",
            "there",
            "they",
            "this",
            "to",
            "up",
            "was",
            "we",
            "were",
            "what",
            "when",
            "which",
            "who",
            "will",
            "with",
            "would",
            "you",
        ]
    )

# --- normalising --------------------------------------------------------------------------------

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f]")

# Where a browser copy glued two link texts or two paragraphs together: "LinkGift", "economy.The",
# "UTCBookmark", "2000EMEA". Two lowercase letters are required before a capital so that names
# like McDonald or DeSantis survive.
_GLUE = re.compile(
    r"(?<=[a-z]{2})(?=[A-Z][a-z])|(?<=[a-z][.!?])(?=[A-Z])|(?<=[.!?][”’\"'])(?=[A-Z])"
    r"|(?<=[A-Z]{2})(?=[A-Z][a-z]{2})|(?<=\d)(?=[A-Z][A-Za-z])|(?<=[a-z][)”])(?=[A-Z])"
)
# Cheap tests for the same, so that the costly _GLUE scan only runs where it can find something:
# any capital straight after a non-space, and a count of capitals straight after a lowercase
# letter or a sentence end.
_GLUE_HINT = re.compile(r"[^\s(\[{‘“'\"/-][A-Z]")
_GLUE_CHEAP = re.compile(r"[a-z][A-Z]|[.!?][A-Z]")
_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")
_SENT_END = tuple(".!?…")
_CLOSERS = "\"”’')]"
_SENT_MARK = re.compile(r"[.!?…][\"”’')]*(?:\s|$)")

# --- boilerplate shapes -------------------------------------------------------------------------

# Phrases that only site furniture uses: prompts to sign up, share, follow, subscribe; legal lines.
# Matched against the lowercased line: a case-sensitive scan is several times faster.
_PROMPT = re.compile(
    r"\b(?:sign[ -]?up|sign[ -]?in|log[ -]?in|log out|register now|subscribe|subscription|"
    r"already subscribed|already a subscriber|become a subscriber|(?:for )?subscribers only|"
    r"subscriber[- ](?:only|exclusive)|newsletters?\b|privacy (?:policy|notice|options|settings)|cookie|"
    r"terms (?:of|and) (?:use|service|conditions)|terms & conditions|all rights reserved|"
    r"advertisement|advertis(?:e|ing) (?:with|on)|sponsored|promoted (?:stories|content)|"
    r"affiliate links?|(?:earn|receive) (?:a )?commission|buy through links|"
    r"follow (?:us|@|[\w'’&. -]{1,30} on google news)|click (?:here|the follow button)|"
    r"share (?:this|on|via|article)|copy link|download (?:the|our) app|get the app|"
    r"connect with us|join (?:our|[\w]+['’]s) [\w ]{0,20}(?:telegram|whatsapp|channel|community)|"
    r"enter your email|email address|unsubscribe|recommended for you|most (?:read|popular|viewed)|"
    r"more from (?:this|the|our)|read next|read more|up next|enable javascript|"
    r"related (?:articles|stories|topics|coverage|content)|"
    r"skip to|jump to|back to top|view comments|join the conversation|no comments yet|"
    r"preferred (?:source )?on google|error in retrieving data|sign in to access|try our|"
    r"explore what|scroll to continue|continue reading|watch more|more videos|opens new tab|"
    r"reuse this content|report an error|send (?:us )?a tip|feedback|news and offers|contact me|"
    r"on behalf of our (?:trusted )?partners)\b"
    r"|©|\bcopyright\b"
)
# Words that a long furniture line (a privacy notice, a newsletter pitch) always has.
_PROMPT_MARKERS = (
    "privacy",
    "cookie",
    "newsletter",
    "subscri",
    "sign up",
    "sign in",
    "copyright",
    "rights reserved",
    "commission",
    "advertis",
    "affiliate",
    "terms of",
)
# Words at least one of which every _PROMPT phrase contains; a line with none skips the regex.
_PROMPT_WORDS = frozenset(
    [
        "sign",
        "signup",
        "signin",
        "log",
        "login",
        "logout",
        "register",
        "subscribe",
        "subscription",
        "subscribed",
        "newsletter",
        "newsletters",
        "subscriber",
        "subscribers",
        "privacy",
        "cookie",
        "cookies",
        "terms",
        "rights",
        "advertisement",
        "advertise",
        "advertising",
        "sponsored",
        "promoted",
        "affiliate",
        "commission",
        "buy",
        "follow",
        "click",
        "share",
        "copy",
        "download",
        "app",
        "connect",
        "join",
        "enter",
        "email",
        "unsubscribe",
        "recommended",
        "most",
        "more",
        "read",
        "next",
        "related",
        "skip",
        "jump",
        "back",
        "view",
        "conversation",
        "comments",
        "preferred",
        "error",
        "access",
        "try",
        "explore",
        "scroll",
        "continue",
        "watch",
        "videos",
        "opens",
        "reuse",
        "report",
        "send",
        "tip",
        "feedback",
        "copyright",
        "offers",
        "contact",
        "partners",
        "javascript",
    ]
)
# A price-list line: a bare amount ("₹900", "3 Months"), a rate ("₹300/Month") or an offer ("SAVE 25%").
_PRICE = re.compile(
    r"^\W{0,3}(?:[₹$€£¥]|rs\.?|usd|inr|hk\$|s\$)\s?[\d,.]+\w{0,2}\W{0,3}$|/\s?(?:month|mo|year|yr|week)\b"
    r"|\bsave (?:up to )?\d+\s?%|^\d+\s+(?:months?|years?|weeks?|days?)$"
    r"|^(?:subscribe|buy|get it|from|only|now)\b.{0,30}[₹$€£¥]\s?\d",
    re.IGNORECASE,
)
# A photo caption ends with its credit; a credit line is only the credit.
_CREDIT_TAIL = re.compile(
    r"(?:\b(?:PHOTO|Photo|Photograph|PHOTOGRAPH|Picture|Image|IMAGE|Illustration|Credit|CREDIT|"
    r"Video|Source)s?(?: credits?| by)?\s*:\s*[^.]{2,80}$"
    r"|\((?:[^()]{0,60}(?:Photo|Picture|Image|Getty|Reuters|AFP|AP|EPA|PA|Shutterstock|Alamy)[^()]{0,60})\)"
    r"(?:\s*more\s*>)?$"
    r"|\bPhotos? by\b[^.]{2,120}$"
    r"|(?:[/|]|\bvia)\s*(?:[\w.'’ -]{0,40})(?:Getty(?: Images)?|Reuters|REUTERS|AFP|AP|EPA|PA(?: Wire)?|"
    r"Shutterstock|iStock(?:photo)?|Alamy|Bloomberg|Xinhua|Handout|Supplied)\)?\s*$"
    r"|\|\s*[\w.'’ -]{1,40}\b(?:Photo|Photograph|Image)s?\s*$"
    r"|\b[A-Z][A-Z.'’ -]{2,40}/[A-Z][A-Z.'’ /-]{2,40}$"
    r"|\([A-Z][\w.'’ -]{1,40}/\s?[A-Z][\w.'’ /-]{1,40}\)$"
    r"|(?<![A-Z])[a-z]{2,}[.!?][”\"]? [A-Z][\w'’&.-]*(?:[ /-]+[A-Z][\w'’&.-]*){0,5}$)"
)
_CREDIT_WORD = re.compile(  # on the lowercased line
    r"\b(?:getty|images?|reuters|afp|ap|epa|pa|shutterstock|istock\w*|alamy|photo\w*|credits?|"
    r"supplied|handout|courtesy|stringer|pool|file)\b"
)
_BREADCRUMB = re.compile(r"(?:\s[/›»>]\s.*){2,}")
_BYLINE = re.compile(r"^(?i:by|written by|words by|text by|story by)\b\s*:?\s*(?=[A-Z]|$)(.*)$")
_AUTHOR_LABEL = re.compile(r"^(?:authors?(?: of the article)?|written by|by)\s*:?$", re.IGNORECASE)
_CREDITS_LINE = re.compile(
    r"^(?:editors?|edited by|editing by|reporting by|additional reporting|writing by|compiled by|"
    r"translated by|translator|produced by|graphics by)\b",
    re.IGNORECASE,
)
_DATE_WORDS = re.compile(r"^date\b|\b(?:published|updated|posted|modified)\b")  # on the lowercased line
# An item of a "latest" list: a headline glued to its age or time ("6m agoWatching ...", "...stones'20:42").
_TEASER = re.compile(r"\d+\s?[smhd] ?ago(?=[A-Z])|(?:\d+|an?) (?:min(?:ute)?|hour|day)s? ago(?=[A-Z])")
_TEASER_TIME = re.compile(r"[^\d\s:]\d{1,2}:\d{2}$")
_READ_TIME = re.compile(r"\b\d+\s*(?:min(?:ute)?s?|m)\s*read\b")  # on the lowercased line
_RELATIVE_LINE = re.compile(
    r"^(?:(?:first |last )?(?:published|updated|posted)\s*:?\s*)?"
    r"(?:(?:\d+|an?|one)\s*(?:sec(?:ond)?s?|min(?:ute)?s?|m|hours?|hrs?|h|days?|d|weeks?|months?|years?)"
    r"(?:\s+ago)?|yesterday|today|just now)$",
    re.IGNORECASE,
)

# --- sentence-level junk inside paragraphs ------------------------------------------------------

_SENT_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=[\"“‘'(]?[A-Z0-9])|(?<=[.!?…][\"”’'])\s+(?=[\"“‘'(]?[A-Z0-9])")
_JUNK_SENTENCE = re.compile(
    r"\b(?:(?:may|might|could|will) (?:earn|receive|get) (?:a |an )?(?:small )?(?:commission|affiliate)|"
    r"buy through links|affiliate links?|follow [\w'’&. -]{1,40} on (?:google news|twitter|x|facebook|"
    r"instagram|linkedin|telegram|whatsapp|threads|bluesky)|click the follow button|"
    r"error in retrieving data|sign in to access|sign up (?:for|to) (?:our|the)|"
    r"subscribe (?:to|for) (?:our|the)|join (?:our|[\w]+['’]s) [\w ]{0,20}(?:telegram|whatsapp) channel|"
    r"connect with us|this is a breaking (?:news )?story|this story (?:has been|was) (?:updated|corrected))",
    re.IGNORECASE,
)
# Words one of which every _JUNK_SENTENCE phrase has; a paragraph with none skips the regex.
_JUNK_HINTS = (
    "commission",
    "links",
    "follow",
    "error",
    "sign ",
    "subscribe",
    "join",
    "connect",
    "breaking",
    "this story",
)
# An advert glued to the end of a paragraph: "... Read More Some Title Case Headline - Outlet".
_INLINE_AD = re.compile(
    r"\s*\b(?:Read More|READ MORE|Read more|Also Read|ALSO READ|Also read|Read Also|RELATED|Related)"
    r"\s*:?\s+[A-Z0-9‘'\"“][^.!?]{3,160}?(?:\s+[-|–]\s+[A-Z][\w.'’& ]{1,40})?\s*$"
)
# An author bio closing the article: "Magdalene Fung is The Straits Times' Hong Kong correspondent."
_NAME = r"[A-Z][\w’'.-]+(?: (?:[A-Z][\w’'.-]+|de|van|von|bin|al|da|del|le|la)){1,3}"
_ROLE = (
    r"(?:correspondent|reporter|editor|writer|columnist|journalist|contributor|bureau chief|critic|"
    r"producer|analyst|commentator)s?"
)
_OUTLET_NAME = r"(?:[Tt]he )?[A-Z][\w&.’'-]*(?: (?:[A-Z][\w&.’'-]*|of|for|and|&)){0,4}?"
_BIO = re.compile(
    rf"(?:^|(?<=[.!?”\"’] ))(?P<name>{_NAME}) (?:is|was) (?:(?:a|an|the) )?"
    rf"(?:(?P<outlet>{_OUTLET_NAME})['’]s? (?:[\w-]+ ){{0,5}}?{_ROLE}\b"
    rf"|(?:[\w-]+ ){{0,5}}?{_ROLE} (?:at|for|with) (?P<outlet2>{_OUTLET_NAME})(?=[.,;]| based| covering|$))"
)

# --- header: bylines, datelines, outlets --------------------------------------------------------

# Words of a job title printed after a byline name ("Amy Gibbons Political Correspondent").
_ROLE_WORDS = frozenset(
    [
        "correspondent",
        "reporter",
        "editor",
        "writer",
        "director",
        "columnist",
        "contributor",
        "producer",
        "staff",
        "team",
        "chief",
        "senior",
        "deputy",
        "assistant",
        "associate",
        "executive",
        "managing",
        "head",
        "lead",
        "desk",
        "hub",
        "content",
        "news",
        "travel",
        "political",
        "politics",
        "lifestyle",
        "sports",
        "sport",
        "business",
        "economics",
        "science",
        "health",
        "technology",
        "tech",
        "entertainment",
        "royal",
        "digital",
        "features",
        "freelance",
        "gear",
        "fashion",
        "culture",
        "foreign",
        "investigative",
        "data",
        "analyst",
        "host",
        "commentator",
        "critic",
        "strategist",
        "fellow",
        "professor",
        "photographer",
        "journalist",
        "international",
        "national",
        "global",
        "world",
        "us",
        "uk",
        "editorial",
        "video",
        "audio",
        "special",
        "opinion",
        "contributing",
    ]
)
_NAME_PARTICLES = frozenset(
    ["de", "van", "von", "der", "den", "bin", "al", "da", "del", "la", "le", "di", "du", "dos", "das", "ter"]
)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-zà-ÿ’'-]*(?:[A-Z][a-zà-ÿ’'-]+)?|[A-Z]\.?|[A-Z][A-Z’'-]+)\.?$")
_BYLINE_CUT = re.compile(
    r"\s+(?:[|·•—–]|-{1,2})\s+|\s{2,}|\s+(?:for|in|with|at)\s+(?=[A-Z])|\s+(?:published|posted|updated)\b"
    r"|\s*@\w+|\s+\d|\s+(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d)",
    re.IGNORECASE,
)
_AGENCIES = {
    "associated press": "Associated Press",
    "the associated press": "Associated Press",
    "ap": "Associated Press",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "bloomberg": "Bloomberg",
    "bloomberg news": "Bloomberg",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "pti": "PTI",
    "ians": "IANS",
    "ani": "ANI",
    "xinhua": "Xinhua",
    "kyodo": "Kyodo News",
    "kyodo news": "Kyodo News",
    "yonhap": "Yonhap",
    "dpa": "dpa",
    "efe": "EFE",
    "ansa": "ANSA",
    "upi": "UPI",
    "bernama": "Bernama",
    "tass": "TASS",
    "aap": "AAP",
    "pa media": "PA Media",
    "press association": "PA Media",
    "the canadian press": "The Canadian Press",
    "canadian press": "The Canadian Press",
    "anadolu": "Anadolu",
    "anadolu agency": "Anadolu",
}
_FOOTNOTE = re.compile(r"(?<=[a-z])\d+\b")
_SEPARATOR = re.compile(r"\s+[|·•]\s+")
_MONTH_WORD = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
    r"august|september|october|november|december|published|updated|posted|mon|tue|wed|thu|fri|sat|sun)\.?$",
    re.IGNORECASE,
)
# Words of page furniture that a two-word link can share with a name ("Social Sharing").
_UI_WORDS = frozenset(
    [
        "share",
        "sharing",
        "social",
        "save",
        "saved",
        "comments",
        "comment",
        "menu",
        "print",
        "email",
        "follow",
        "listen",
        "trail",
        "links",
        "content",
        "live",
        "video",
        "videos",
        "photos",
        "images",
        "image",
        "gallery",
        "latest",
        "top",
        "stories",
        "trending",
        "newsletter",
        "subscribe",
    ]
)
_AGENCY_TAIL = re.compile(
    r"\s+(?:"
    + "|".join(sorted((re.escape(k) for k in _AGENCIES if " " in k or len(k) > 3), key=len, reverse=True))
    + r")$",
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+", re.IGNORECASE)

# "(Yicai) Oct. 20 -- ", "KATHMANDU, April 25 (Reuters) - ", "MEXICO CITY (AP) — "
_DATELINE = re.compile(
    r"^(?:(?P<place>[A-Z][A-Za-z.'’ ]{1,40}?(?:, [A-Za-z.'’ ]{1,25})?)\s*,?\s*)?"
    r"(?:\((?P<source>[A-Z][\w.&' -]{1,30})\)\s*)?(?P<date>(?:[A-Z][a-z]{2,8}\.?|[A-Z]{3,9}\.?) \d{1,2})?"
    r"\s*(?:\((?P<source2>[A-Z][\w.&' -]{1,30})\)\s*)?(?:--|—|–|-)\s+(?=\S)"
)
_FIRST_LINE_TITLE = re.compile(r"^(?P<title>.{15,}?)\s+[-|–—:]\s+(?P<site>[^-|–—]{2,40})$")
_OWNER = r"(?:[Tt]he )?[A-Z][\w&'’.-]*(?: (?:[A-Z][\w&'’.-]*|and|of|&)){0,5}"
_COPYRIGHT = re.compile(
    rf"©\s*(?i:copyright\s*)?(?:\d{{4}}\s*(?:[-–]\s*\d{{4}})?\s*)?(?P<name>{_OWNER})"
    rf"|(?i:copyright)\s*©?\s*\d{{4}}\s+(?P<name2>{_OWNER})"
)
_OUTLET_PHRASE = re.compile(
    r"\b(?i:subscribe to|access|updates from|working at|follow|support)\s+"
    r"(?P<name>(?:The )?[A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*){0,3})"
    r"(?=\s+(?:digital|across|premium|epaper|e-paper|on google news|and get)\b)",
)
# Words after a publisher's name in a copyright or subscription line ("Bloomberg L.P. All Rights").
_CORPORATE_TAIL = re.compile(
    r"(?:\s+(?:L\.?P\.?|Ltd\.?|Limited|Inc\.?|LLC|plc|PLC|Group|News & Media|Media|Corp\.?|"
    r"Company|All|Rights|Reserved|Powered|or|and|of|&|Digital|Premium)\.?)+$"
)


@dataclass(slots=True)
class _Line:
    """One line (or one piece of a glued line) of the page, with what its shape says it is."""

    text: str
    words: int
    kind: str  # good | near | short | bad
    tag: str  # why: body, sentence, headline, nav, prompt, price, caption, credit, date, byline, ...
    headline: bool = False


# --- line classification -------------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    """Non-empty, whitespace-normalised lines, with glued menu lines split into their pieces."""
    out: list[str] = []
    for raw in _INVISIBLE.sub("", text).splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if len(line) > 120 and ("Read" in line or "READ" in line or "RELATED" in line or "Related" in line):
            ad = _INLINE_AD.search(line, len(line) - 220)
            if ad and ad.start() > 60:  # an advert glued to the end of a paragraph
                line = line[: ad.start()]
        if len(line) > 20 and _glued(line):
            out.extend(piece.strip() for piece in _GLUE.split(line) if piece.strip())
        else:
            out.append(line)
    return out


def _glued(line: str) -> bool:
    """Whether a line is link texts run together ("CompanyAboutCareersInclusion at Bloomberg...")."""
    if len(line) <= 1200:
        glue = len(_GLUE_CHEAP.findall(line))
        return glue >= 3 and glue * 60 > len(line) or glue >= 2 and len(line) < 120 and not _SENT_MARK.search(line)
    # A long line: judge its two ends, where a copied menu would sit
    head, tail = len(_GLUE_CHEAP.findall(line, 0, 600)), len(_GLUE_CHEAP.findall(line, len(line) - 600))
    return max(head, tail) >= 10


def _is_credit(text: str, lower: str, words: int) -> bool:
    """A line that is only a photo credit: "Getty Images", "Mike Marsland/Getty Images", "REUTERS"."""
    if words > 9 or text.endswith((".", "?", "!")) and words > 3 or _DIGIT.search(text) or "news" in lower:
        return False
    if not _CREDIT_WORD.search(lower):
        return False
    if text.startswith(("(", "Image:", "Photo:", "Picture:", "Credit:", "Image credit")):
        return True
    return "/" in text or text.isupper() or words <= 3


def _classify(text: str) -> _Line:
    """Judge one line by its shape alone (the context pass comes later)."""
    words = text.count(" ") + 1
    n = len(text)
    lower = text.lower()
    ends = text.rstrip(_CLOSERS).endswith(_SENT_END) and not text.endswith("...")
    has_digit = _DIGIT.search(text) is not None
    if n < 40 and not _LETTER.search(text) or ("{" in text or "}" in text or "<?" in text) and not ends:
        return _Line(text, words, "bad", "code")
    if words <= 6 and _RELATIVE_LINE.match(text):
        return _Line(text, words, "bad", "relative")
    if has_digit and words <= 40 and (_TEASER.match(text) or _TEASER_TIME.search(text, n - 8)):
        return _Line(text, words, "bad", "teaser")
    if words <= 12 and has_digit and n < 160 and _PRICE.search(text):
        return _Line(text, words, "bad", "price")
    if n < 250 and _CREDITS_LINE.match(text):
        return _Line(text, words, "bad", "credits")
    if n < 160 and (words <= 20 and _BYLINE.match(text) or words <= 4 and _AUTHOR_LABEL.match(text)):
        return _Line(text, words, "bad", "byline")
    tokens = lower.split()
    if (
        words < 25
        and not _PROMPT_WORDS.isdisjoint(_WORD.findall(lower))
        or "©" in text
        or (words < 90 and any(marker in lower for marker in _PROMPT_MARKERS))
    ):
        prompts = _PROMPT.findall(lower)
        if prompts and (words < 40 or len(prompts) >= 3):
            return _Line(text, words, "bad", "prompt")
    if has_digit and n < 160:
        if _DATE_WORDS.search(lower) or _READ_TIME.search(lower):
            return _Line(text, words, "bad", "date")
        if n < 90:
            match = DATE_PATTERN.search(text)
            if match and len(match.group(0)) * 2 >= n - 10:
                return _Line(text, words, "bad", "date")
    if words <= 9 and _is_credit(text, lower, words):
        return _Line(text, words, "bad", "credit")
    if n > 30 and not ends and _CREDIT_TAIL.search(text, max(0, n - 160)):
        return _Line(text, words, "bad", "caption")
    if (" / " in text or " › " in text or " » " in text or " > " in text) and not ends and _BREADCRUMB.search(text):
        return _Line(text, words, "bad", "nav")
    stop = sum(map(STOPWORDS.__contains__, tokens)) / len(tokens) if tokens else 0.0
    marks = len(_SENT_MARK.findall(text)) if words >= 4 else 0
    # Headline shape: a capitalised run of words that does not end in a full stop. A question
    # ("What is Nato and which countries are in it?") is both a headline and a sentence.
    headline = (
        4 <= words <= 40
        and (not ends or text.rstrip(_CLOSERS).endswith(("?", "!")))
        and not text.endswith((":", ";", ","))
        and (text[0].isupper() or text[0].isdigit() or text[0] in "‘'\"“¿¡")
        and marks <= 2
        and not (len(_GLUE_CHEAP.findall(text)) >= 2 and len(_GLUE.findall(text)) >= 2)
    )
    if ends and words >= 3 and stop >= 0.15:
        if n >= 100 and stop >= 0.25 and not headline or words >= 40:
            return _Line(text, words, "good", "body")
        return _Line(text, words, "near", "sentence", headline=headline)
    if words >= 40 and (marks >= 2 and stop >= 0.25 or marks >= 1 and stop >= 0.3):
        return _Line(text, words, "good", "body")  # a long paragraph that ends oddly
    if headline:
        return _Line(text, words, "short", "headline", headline=True)
    return _Line(text, words, "bad", "nav")


def _mark_captions(lines: list[_Line]) -> None:
    """A sentence directly above a credit line is that photo's caption, not body."""
    for i in range(len(lines) - 1):
        line = lines[i]
        if lines[i + 1].tag == "credit" and line.kind != "bad" and line.words <= 60 and not line.headline:
            line.kind, line.tag = "bad", "caption"


# --- finding the articles ------------------------------------------------------------------------


def _weights(lines: Sequence[_Line]) -> list[float]:
    """How much each line adds to a run of body text: its length if body-like, a penalty if not.

    A short sentence counts as body only when the nearest other line on either side is a body
    paragraph (jusText's context rule): the same sentence among menus is a prompt ("Support local
    journalism.").
    """
    n = len(lines)
    # kind of the nearest line that is not a short sentence, looking left and looking right
    left, right = [""] * n, [""] * n
    for i in range(1, n):
        left[i] = left[i - 1] if lines[i - 1].kind == "near" else lines[i - 1].kind
    for i in range(n - 2, -1, -1):
        right[i] = right[i + 1] if lines[i + 1].kind == "near" else lines[i + 1].kind
    weights = []
    for i, line in enumerate(lines):
        if line.kind == "good":
            weights.append(float(len(line.text)))
        elif line.kind == "near":
            weights.append(len(line.text) / 2 if "good" in (left[i], right[i]) else -15.0)
        elif line.kind == "short":
            weights.append(-15.0)
        else:
            weights.append(-40.0)
    return weights


def _best_run(lines: Sequence[_Line], lo: int, hi: int) -> tuple[int, int] | None:
    """The run [start, end) of lines in [lo, hi) with the largest total weight (Kadane)."""
    weights = _weights(lines)
    best, best_span = 0.0, None
    total, start = 0.0, lo
    for i in range(lo, hi):
        if total <= 0:
            total, start = 0.0, i
        total += weights[i]
        if total > best and lines[i].kind in ("good", "near"):
            best, best_span = total, (start, i + 1)
    if best_span is None or best < 60:
        return None
    start, end = best_span
    while start < end and lines[start].kind not in ("good", "near"):
        start += 1
    return start, end


def _trim_header(lines: Sequence[_Line], start: int, end: int) -> int:
    """Move the body start past a dek, byline or date that the run swallowed."""
    seen_good = 0
    new_start = start
    for i in range(start, min(end, start + 12)):
        line = lines[i]
        if line.tag in ("byline", "date", "relative"):
            if seen_good <= 2:
                new_start = i + 1
                seen_good = 0
        elif line.kind == "good":
            seen_good += 1
            if seen_good > 2:
                break
    while new_start < end and lines[new_start].kind not in ("good", "near"):
        new_start += 1
    return new_start


def _list_start(lines: Sequence[_Line], start: int, end: int) -> int:
    """Where a teaser list begins inside the run, else ``end``.

    A teaser is a headline, then a name or date line, then a summary of one or two paragraphs;
    two of them in a row make a list ("More from ...") that the run must not swallow.
    """
    items = []
    i = start + 1
    while i < end:
        if lines[i].headline:
            dated = next((j for j in range(i + 1, min(end, i + 4)) if lines[j].tag in ("date", "relative")), None)
            if dated is not None and dated + 1 < end and lines[dated + 1].kind in ("good", "near"):
                k = dated + 1
                while k < end and lines[k].kind in ("good", "near"):
                    k += 1
                if k - dated - 1 <= 2:
                    items.append(i)
                    i = k
                    continue
        i += 1
    return items[0] if len(items) >= 2 else end


def _lead_before(lines: Sequence[_Line], start: int) -> tuple[int, int]:
    """The opening paragraphs under the byline when a paywall or widget cuts them off from the run.

    Returns ``(lead_start, lead_end)``; an empty span at ``start`` when the run already begins
    under the header.
    """
    for m in range(start - 1, max(-1, start - 80), -1):
        if lines[m].tag not in ("byline", "date", "relative"):
            continue
        for g in range(m + 1, min(start, m + 8)):
            if lines[g].kind == "good":
                end = g
                while end < start and lines[end].kind in ("good", "near"):
                    end += 1
                return g, end
        break
    return start, start


def _related_starts(lines: Sequence[_Line]) -> list[tuple[int, int, int]]:
    """(first line, headline line, body start) of each related article: relative date, headline, body."""
    found = []
    for i, line in enumerate(lines):
        if line.tag != "relative":
            continue
        j = i + 1
        while j < len(lines) and j <= i + 2 and _is_source(lines[j]):
            j += 1
        if j + 1 >= len(lines) or not lines[j].headline:
            continue
        words, k = 0, j + 1
        while k < len(lines) and lines[k].kind in ("good", "near"):
            words += lines[k].words
            k += 1
        if words >= RELATED_MIN_WORDS:
            first = i - 1 if i > 0 and _is_source(lines[i - 1]) else i
            found.append((first, j, j + 1))
    return found


def _is_source(line: _Line) -> bool:
    """A short credit line such as "Yahoo" or "- Yahoo" next to a related article's date."""
    text = line.text.lstrip("-–— ")
    return (
        0 < len(text) <= 40
        and line.words <= 4
        and not line.headline
        and line.tag not in ("prompt", "relative", "body", "sentence", "price", "date")
        and text[:1].isupper()
    )


# --- header: title, byline, date -----------------------------------------------------------------


def _title(lines: Sequence[_Line], lo: int, body_start: int) -> tuple[str | None, int]:
    """The headline above the body, and its line index (-1 when none).

    Each headline-shaped line of the header scores for what marks a page's own headline: it is
    repeated elsewhere (browser title, breadcrumb, share text), a byline or date sits next to it,
    it starts a group rather than following a longer headline (as a dek does), and it has a
    headline's length. Ties go to the line nearer the body.
    """
    first = max(lo, body_start - 40)
    meta = {k for k in range(max(lo, first - 2), body_start) if _is_meta(lines, k)}
    best, best_score, best_i = None, 0.0, -1
    for i in range(first, body_start):
        line = lines[i]
        if not line.headline or i in meta:
            continue
        score = 1.0 if 6 <= line.words <= 30 else 0.0
        previous = lines[i - 1] if i > 0 else None
        if previous is None or not previous.headline or previous.words < 6:
            score += 1.0
        if line.words >= 5 and _repeated(lines, i):
            score += 2.0
        # A byline or date just below is where a headline sits; one just above fits a headline
        # too (some sites print the date first) but also a caption under the byline.
        if any(0 < k - i <= 4 for k in meta):
            score += 2.0
        elif any(0 < i - k <= 2 or 4 < k - i <= 12 for k in meta):
            score += 1.0
        score -= 0.01 * (body_start - i)
        if score > best_score:
            best, best_score, best_i = line.text, score, i
    return best, best_i


def _is_meta(lines: Sequence[_Line], k: int) -> bool:
    """A byline or date line, or a bare name line ("Angus Thompson") next to a date."""
    line = lines[k]
    if line.tag in ("byline", "date"):
        return True
    if line.words > 8 or line.tag not in ("nav", "headline") or not _names(line.text):
        return False
    return any(lines[j].tag in ("date", "relative") for j in range(max(0, k - 2), min(len(lines), k + 3)))


def _repeated(lines: Sequence[_Line], i: int) -> bool:
    """Whether line ``i`` recurs away from its neighbourhood, alone or as most of a longer line."""
    text = lines[i].text
    size = len(text)
    longest = size / 0.6
    for k, other in enumerate(lines):
        if k == i or not size <= len(other.text) <= longest:
            continue
        if other.text == text and abs(k - i) > 3 or len(other.text) > size and text in other.text:
            return True
    return False


def _first_line_title(lines: Sequence[_Line], page: str) -> tuple[str | None, str | None]:
    """A browser-title first line, "Headline - Site", whose headline recurs on the page."""
    if not lines:
        return None, None
    match = _FIRST_LINE_TITLE.match(lines[0].text)
    if match and page.count(match.group("title")) >= 2 and match.group("title").count(" ") >= 3:
        return match.group("title"), match.group("site").strip()
    return None, None


def _clean_name(name: str) -> str | None:
    name = name.strip(" .,;:-")
    if name.lower() in _AGENCIES:
        return _AGENCIES[name.lower()]
    name = _AGENCY_TAIL.sub("", name)  # "Vasilisa Stepanenko The Associated Press"
    tokens = name.split()
    while tokens and tokens[-1].lower().strip(".,") in _ROLE_WORDS:
        tokens.pop()
    # "Steffan Rhys Deputy Content Hub Director": the job title starts at the first role word
    for k, token in enumerate(tokens[2:], start=2):
        if token.lower() in _ROLE_WORDS:
            tokens = tokens[:k]
            break
    if not 1 <= len(tokens) <= 5:
        return None
    if not all(_NAME_TOKEN.match(t) or t in _NAME_PARTICLES for t in tokens):
        return None
    lowered = [t.lower().strip(".") for t in tokens]
    if sum(t in STOPWORDS for t in lowered) * 2 > len(tokens):  # "How To Help", "Latest News"
        return None
    if any(t in _UI_WORDS or _MONTH_WORD.match(t) for t in lowered):
        return None
    if len(tokens) == 1 and tokens[0].lower() not in _AGENCIES:
        return None
    name = " ".join(tokens)
    if name.isupper() and len(name) > 3:
        name = " ".join(t.capitalize() if len(t) > 2 else t for t in name.split())
        name = re.sub(r"(?<=['’-])([a-z])", lambda m: m.group(1).upper(), name)
    return _AGENCIES.get(name.lower(), name)


def _names(byline: str) -> list[str]:
    """Author names in one byline: "By Shirley Zhao and Linda Lew" -> both names."""
    byline = " ".join(_GLUE.sub(" | ", byline).split()) if _GLUE_HINT.search(byline) else byline
    byline = _FOOTNOTE.sub("", byline)  # "Xiaoying You0, Mariana Lenharo"
    match = _BYLINE.match(byline)
    if match:
        byline = match.group(1)
    byline = _BYLINE_CUT.split(byline, maxsplit=1)[0]
    names = []
    for part in _NAME_SPLIT.split(byline):
        name = _clean_name(part)
        if name and name not in names:
            names.append(name)
    return names


def _authors(lines: Sequence[_Line], title_i: int, body_start: int) -> list[str]:
    """Names from the byline: a "By ..." line near the headline, else a bare name line under it."""
    after = title_i + 1 if title_i >= 0 else max(0, body_start - 12)
    for i in range(max(0, after - 4), body_start):
        line = lines[i]
        if line.tag != "byline":
            continue
        names = _names(line.text)
        k = i + 1
        # "By" or "Author of the article:" alone: the names follow, one a line
        while not line.text[3:].strip(" :") or _AUTHOR_LABEL.match(line.text):
            if k >= body_start or len(names) >= 8 or lines[k].words > 8 or lines[k].tag in ("date", "relative"):
                break
            more = _names(lines[k].text)
            if not more:
                break
            names.extend(n for n in more if n not in names)
            k += 1
        if names:
            return _people_first(names)
    for i in range(after, body_start):
        line = lines[i]
        if line.kind == "good" or line.tag in ("caption", "credit", "prompt", "relative", "price"):
            continue
        text = line.text
        if line.words > 8:  # "Yasmine Hassan · CBC News · Posted: Aug 08, 2024 ..."
            text = _SEPARATOR.split(text, maxsplit=1)[0]
            if text == line.text or text.count(" ") > 6:
                continue
        names = _names(text)
        if not names:
            continue
        near_date = any(lines[k].tag in ("date", "relative") for k in range(max(0, i - 2), min(body_start, i + 3)))
        if near_date or i <= after + 2 or i >= body_start - 3:
            return _people_first(names)
    return []


def _people_first(names: list[str]) -> list[str]:
    """Drop an agency credited next to named reporters; keep it when it is the only byline."""
    people = [n for n in names if n.lower() not in _AGENCIES and n not in _AGENCIES.values()]
    return people or names


def _is_date_line(line: _Line) -> bool:
    """A header line that may carry the date: a date or byline line, or a short one ("APRIL 25, 2024")."""
    return line.tag in ("date", "byline", "relative") or line.tag == "nav" and line.words <= 8


def _date_from(texts: Sequence[str]) -> tuple[pd.Timestamp, str, str | None]:
    """The first date with a year in ``texts``; else one without a year, a relative one, or unknown."""
    fallback: tuple[pd.Timestamp, str, str | None] = (pd.NaT, "unknown", None)
    for text in texts:
        expressions = search_dates(text)
        if not expressions and text.isupper():  # "APRIL 25, 2024": only short months are matched in capitals
            expressions = search_dates(text.title())
        for expression in expressions:
            stamp, precision = parse_date(expression)
            if precision == "no_year" and fallback[1] in ("unknown", "relative"):
                fallback = (stamp, precision, expression)
            elif precision not in ("unknown", "no_year"):
                return stamp, precision, expression
        if fallback[1] == "unknown":
            match = RELATIVE_PATTERN.search(text)
            if match:
                fallback = (pd.NaT, "relative", match.group(0))
    return fallback


# --- body cleaning --------------------------------------------------------------------------------


def _body(lines: Sequence[_Line], start: int, end: int) -> list[str]:
    """Paragraphs of the run: body-like lines, and short lines set between them (subheads)."""
    paragraphs = []
    for i in range(start, end):
        line = lines[i]
        if line.kind in ("good", "near"):
            paragraphs.append(line.text)
        elif line.kind == "short":
            before = i > start and lines[i - 1].kind == "good"
            after = i + 1 < end and lines[i + 1].kind in ("good", "near")
            if before and after:
                paragraphs.append(line.text)
    return paragraphs


def _trim_sentences(paragraph: str) -> str:
    """Cut sign-up, follow and affiliate sentences from the start and end of a paragraph."""
    ad = _INLINE_AD.search(paragraph, max(0, len(paragraph) - 220))
    if ad:
        paragraph = paragraph[: ad.start()]
    lower = paragraph.lower()
    if not any(word in lower for word in _JUNK_HINTS) or not _JUNK_SENTENCE.search(paragraph):
        return paragraph
    sentences = _SENT_SPLIT.split(paragraph)
    while sentences and _JUNK_SENTENCE.search(sentences[0]):
        sentences.pop(0)
    while sentences and _JUNK_SENTENCE.search(sentences[-1]):
        sentences.pop()
    return " ".join(sentences)


def _strip_dateline(paragraph: str) -> tuple[str, str | None, str | None]:
    """Cut a dateline that carries a date or a source; return (paragraph, date text, source)."""
    match = _DATELINE.match(paragraph)
    if not match:
        return paragraph, None, None
    date = match.group("date")
    source = match.group("source") or match.group("source2")
    if date and parse_date(date)[1] == "unknown":
        date = None
    if not date and not (source and not match.group("place")):
        return paragraph, None, source  # a place-only dateline ("MEXICO CITY (AP) — ") stays
    return paragraph[match.end() :], date, source


def _strip_bio(paragraphs: list[str]) -> tuple[list[str], str | None, str | None]:
    """Cut an author bio from the last paragraphs; return (paragraphs, author, outlet)."""
    for k in range(len(paragraphs) - 1, max(-1, len(paragraphs) - 3), -1):
        match = _BIO.search(paragraphs[k])
        if match:
            head = paragraphs[k][: match.start()].strip()
            outlet = match.group("outlet") or match.group("outlet2")
            kept = paragraphs[:k] + ([head] if head else [])
            return kept, match.group("name"), outlet
    return paragraphs, None, None


# --- outlet and agency ----------------------------------------------------------------------------


def _canonical_outlet(name: str | None) -> str | None:
    if not name:
        return None
    name = _CORPORATE_TAIL.sub("", name.strip(" .,:;'’")).strip(" .")
    name = re.sub(r"['’]s?$", "", name).strip()
    if len(name) < 2 or name.lower() in ("all", "the", "copyright"):
        return None
    return _AGENCIES.get(name.lower(), name)


def _outlet(lines: Sequence[_Line], site: str | None, bio_outlet: str | None) -> str | None:
    """The publisher of the page, from the browser title, copyright, bio or subscription lines."""
    if site:
        return _canonical_outlet(site)
    for line in reversed(lines):
        if "©" in line.text or "opyright" in line.text:
            match = _COPYRIGHT.search(line.text)
            if match:
                return _canonical_outlet(match.group("name") or match.group("name2"))
    if bio_outlet:
        return _canonical_outlet(bio_outlet)
    for line in lines:
        if line.kind == "bad":
            match = _OUTLET_PHRASE.search(line.text)
            if match:
                return _canonical_outlet(match.group("name"))
    return None


def _agency(lines: Sequence[_Line], lo: int, hi: int, authors: list[str], source: str | None) -> str | None:
    """A news agency the page credits for the story: a lone agency line, a byline, a dateline."""
    for i in range(lo, hi):
        agency = _AGENCIES.get(lines[i].text.strip(" -–|").lower())
        if agency and lines[i].words <= 3:
            return agency
    for name in authors:
        if name in _AGENCIES.values():
            return name
    if source:
        return _AGENCIES.get(source.lower())
    return None


# --- records -----------------------------------------------------------------------------------


def _finish(paragraphs: list[str]) -> str:
    cleaned = (_trim_sentences(p).strip() for p in paragraphs)
    return "\n\n".join(p for p in cleaned if p)


def _body_spans(lines: Sequence[_Line], hi: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Where the main article's body is: (lead span, run span), or None when the page has none.

    The run is the best-scoring stretch of lines, less a header it swallowed and a teaser list at
    its end; the lead is an opening paragraph that a paywall box cut off from the run (often empty).
    """
    run = _best_run(lines, 0, hi)
    if run is None:
        return None
    start, end = run
    start = _trim_header(lines, start, end)
    end = _list_start(lines, start, end)
    while end > start and lines[end - 1].kind not in ("good", "near"):
        end -= 1
    if start >= end:
        return None
    return _lead_before(lines, start), (start, end)


def _headline(lines: Sequence[_Line], body_start: int, page: str) -> tuple[str | None, int, str | None]:
    """(title, index of the headline line or -1, site name from the browser title or None)."""
    browser_title, site = _first_line_title(lines, page)
    found, found_i = _title(lines, 0, body_start)
    if browser_title is None:
        return found, found_i, None
    # The browser title names the page's own headline; the header line is still where the
    # byline and date are looked for.
    return browser_title, found_i if found_i > 0 else 0, site


def _main_record(lines: list[_Line], hi: int, page: str) -> dict | None:
    spans = _body_spans(lines, hi)
    if spans is None:
        return None
    (lead, lead_end), (start, end) = spans
    paragraphs = _body(lines, lead, lead_end) + _body(lines, start, end)
    start = lead
    title, title_i, site = _headline(lines, start, page)

    paragraphs, bio_author, bio_outlet = _strip_bio(paragraphs)
    dateline_date = source = None
    if paragraphs:
        paragraphs[0], dateline_date, source = _strip_dateline(paragraphs[0])

    authors = _authors(lines, title_i, start) or ([bio_author] if bio_author else [])
    # The date under the headline first; one just above it (some sites print it there) next.
    below = range(title_i + 1, start) if title_i >= 0 else range(max(0, start - 12), start)
    above = range(max(0, title_i - 2), max(0, title_i))
    published, precision, date_text = _date_from([lines[i].text for i in [*below, *above] if _is_date_line(lines[i])])
    if precision in ("unknown", "relative", "no_year") and dateline_date:
        published, precision = parse_date(dateline_date)
        date_text = dateline_date
    if precision == "unknown":  # "First Published: ..." below the story
        tail = [ln.text for ln in lines[end:hi] if ln.tag == "date" and _DATE_WORDS.search(ln.text.lower())]
        published, precision, date_text = _date_from(tail)

    outlet = _outlet(lines, site, bio_outlet) or _canonical_outlet(source)
    header_from = max(0, title_i - 2) if title_i >= 0 else max(0, start - 12)
    agency = _agency(lines, header_from, start, authors, source)
    return empty_record(
        part=0,
        role="main",
        title=title,
        outlet=outlet,
        syndicated_from=agency if agency != outlet else None,
        authors=authors,
        published=published,
        date_precision=precision,
        date_text=date_text,
        text=_finish(paragraphs),
    )


def _related_record(lines: list[_Line], first: int, head: int, body_start: int, stop: int, part: int) -> dict:
    end = body_start
    while end < stop and lines[end].kind in ("good", "near"):
        end += 1
    paragraphs = [lines[i].text for i in range(body_start, end)]
    sources = [lines[i].text.lstrip("-–— ") for i in range(first, head) if _is_source(lines[i])]
    date_text = next(lines[i].text for i in range(first, head) if lines[i].tag == "relative")
    follow = re.search(r"\bFollow ([A-Z][\w'’&. -]{1,40}?) on Google News", " ".join(paragraphs))
    outlet = _canonical_outlet(sources[0]) if sources else None
    original = _canonical_outlet(follow.group(1)) if follow else None
    return empty_record(
        part=part,
        role="related",
        title=lines[head].text,
        outlet=outlet,
        syndicated_from=original if original and original != outlet else None,
        published=pd.NaT,
        date_precision="relative",
        date_text=date_text,
        text=_finish(paragraphs),
    )


# Script left in scraped text, recognised by its shape: a declaration or call ending in ";", a
# function body, a PHP block. Real prose does not have "= {" or "();" in it.
_CODE_FRAGMENT = re.compile(
    r"\b(?:var|let|const)\s+[A-Za-z_$][\w$]*\s*=\s*[^;\n]{0,400};"
    r"|\b(?:window|document|googletag|dataLayer|jQuery|\$)\s*[.(][^;\n]{0,400}\)\s*;"
    r"|\bfunction\s*[\w$]*\s*\([^)\n]{0,100}\)\s*\{[^{}]{0,400}\}\s*;?"
    r"|<\?php.*?\?>|<script\b.*?</script>|^\s*\}\s*\?>\s*$",
    re.DOTALL | re.MULTILINE,
)
_CODE_HINT = re.compile(r"[;{]|\?>|<script")


def strip_code(text: str) -> str:
    """``text`` without script statements left in by a scraper (``var addthis_config = {...};``)."""
    if not _CODE_HINT.search(text):
        return text
    stripped = _CODE_FRAGMENT.sub(" ", text)
    if stripped == text:
        return text
    return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", stripped) if p.strip())


def split_page(text: str) -> list[dict]:
    """Split a page's plain text into article records (see ``schema.RECORD_FIELDS``).

    ``text`` is the whole page as copied from a browser or dumped by a scraper. Returns one record
    per real article: the page's own story first (``part=0``, ``role='main'``), then each full
    related article (``role='related'``). ``source_path`` is left for the caller. A page with no
    article text gives an empty list.
    """
    lines = [_classify(line) for line in _lines(text)]
    _mark_captions(lines)
    page = "\n".join(line.text for line in lines)
    related = _related_starts(lines)
    records = []
    main = _main_record(lines, related[0][0] if related else len(lines), page)
    if main is not None:
        records.append(main)
    for n, (first, head, body_start) in enumerate(related):
        stop = related[n + 1][0] if n + 1 < len(related) else len(lines)
        record = _related_record(lines, first, head, body_start, stop, part=len(records))
        if not records:  # a page that is only full articles: the first one is the page's own
            record.update(role="main")
        records.append(record)
    return records


__all__ = ["RELATED_MIN_WORDS", "STOPWORDS", "split_page"]
