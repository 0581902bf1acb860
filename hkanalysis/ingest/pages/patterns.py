"""The patterns that judge a page's lines, kept as data: compiled regexes, word sets, the agencies.

``lines`` classifies each line with them, ``body`` finds and cleans the article text, and ``metadata``
reads the header (title, byline, date, outlet, agency). Names used by those modules are public here.
"""

from __future__ import annotations

import re

try:  # jusText ships with trafilatura; its English stoplist is the density measure jusText uses
    import justext

    STOPWORDS: frozenset[str] = frozenset(justext.get_stoplist("English"))
except ImportError:  # pragma: no cover - a small list keeps the module usable without it
    STOPWORDS = frozenset(
        "a about after all also an and are as at be been but by can could for from had has have he "
        "her his i if in into is it its more most not of on one or our out said she so than that "
        "the their them there they this to up was we were what when which who will with would you".split()
    )

# --- normalising --------------------------------------------------------------------------------

INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f]")

# Where a browser copy glued two link texts or two paragraphs together: "LinkGift", "economy.The",
# "UTCBookmark", "2000EMEA". Two lowercase letters are required before a capital so that names
# like McDonald or DeSantis survive.
GLUE = re.compile(
    r"(?<=[a-z]{2})(?=[A-Z][a-z])|(?<=[a-z][.!?])(?=[A-Z])|(?<=[.!?][”’\"'])(?=[A-Z])"
    r"|(?<=[A-Z]{2})(?=[A-Z][a-z]{2})|(?<=\d)(?=[A-Z][A-Za-z])|(?<=[a-z][)”])(?=[A-Z])"
)
# Cheap tests for the same, so that the costly GLUE scan only runs where it can find something:
# any capital straight after a non-space, and a count of capitals straight after a lowercase
# letter or a sentence end.
GLUE_HINT = re.compile(r"[^\s(\[{‘“'\"/-][A-Z]")
GLUE_CHEAP = re.compile(r"[a-z][A-Z]|[.!?][A-Z]")
LOWERCASE_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
DIGIT = re.compile(r"\d")
LETTER = re.compile(r"[^\W\d_]")
SENT_END = tuple(".!?…")
CLOSERS = "\"”’')]"
SENT_MARK = re.compile(r"[.!?…][\"”’')]*(?:\s|$)")

# --- boilerplate shapes -------------------------------------------------------------------------

# Phrases that only site furniture uses: prompts to sign up, share, follow, subscribe; legal lines.
# Matched against the lowercased line: a case-sensitive scan is several times faster.
PROMPT = re.compile(
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
PROMPT_MARKERS = (
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
# Words at least one of which every PROMPT phrase contains; a line with none skips the regex.
PROMPT_WORDS = frozenset(
    """sign signup signin log login logout register subscribe subscription subscribed newsletter
    newsletters subscriber subscribers privacy cookie cookies terms rights advertisement advertise advertising sponsored
    promoted affiliate commission buy follow click share copy download app connect join enter
    email unsubscribe recommended most more read next related skip jump back view conversation
    comments preferred error access try explore scroll continue watch videos opens reuse report
    send tip feedback copyright offers contact partners javascript""".split()
)
# A price-list line: a bare amount ("₹900", "3 Months"), a rate ("₹300/Month") or an offer ("SAVE 25%").
PRICE = re.compile(
    r"^\W{0,3}(?:[₹$€£¥]|rs\.?|usd|inr|hk\$|s\$)\s?[\d,.]+\w{0,2}\W{0,3}$|/\s?(?:month|mo|year|yr|week)\b"
    r"|\bsave (?:up to )?\d+\s?%|^\d+\s+(?:months?|years?|weeks?|days?)$"
    r"|^(?:subscribe|buy|get it|from|only|now)\b.{0,30}[₹$€£¥]\s?\d",
    re.IGNORECASE,
)
# A photo caption ends with its credit; a credit line is only the credit.
CREDIT_TAIL = re.compile(
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
CREDIT_WORD = re.compile(  # on the lowercased line
    r"\b(?:getty|images?|reuters|afp|ap|epa|pa|shutterstock|istock\w*|alamy|photo\w*|credits?|"
    r"supplied|handout|courtesy|stringer|pool|file)\b"
)
BREADCRUMB = re.compile(r"(?:\s[/›»>]\s.*){2,}")
BYLINE = re.compile(r"^(?i:by|written by|words by|text by|story by)\b\s*:?\s*(?=[A-Z]|$)(.*)$")
AUTHOR_LABEL = re.compile(r"^(?:authors?(?: of the article)?|written by|by)\s*:?$", re.IGNORECASE)
CREDITS_LINE = re.compile(
    r"^(?:editors?|edited by|editing by|reporting by|additional reporting|writing by|compiled by|"
    r"translated by|translator|produced by|graphics by)\b",
    re.IGNORECASE,
)
DATE_WORDS = re.compile(r"^date\b|\b(?:published|updated|posted|modified)\b")  # on the lowercased line
# An item of a "latest" list: a headline glued to its age or time ("6m agoWatching ...", "...stones'20:42").
TEASER = re.compile(r"\d+\s?[smhd] ?ago(?=[A-Z])|(?:\d+|an?) (?:min(?:ute)?|hour|day)s? ago(?=[A-Z])")
TEASER_TIME = re.compile(r"[^\d\s:]\d{1,2}:\d{2}$")
READ_TIME = re.compile(r"\b\d+\s*(?:min(?:ute)?s?|m)\s*read\b")  # on the lowercased line
RELATIVE_LINE = re.compile(
    r"^(?:(?:first |last )?(?:published|updated|posted)\s*:?\s*)?"
    r"(?:(?:\d+|an?|one)\s*(?:sec(?:ond)?s?|min(?:ute)?s?|m|hours?|hrs?|h|days?|d|weeks?|months?|years?)"
    r"(?:\s+ago)?|yesterday|today|just now)$",
    re.IGNORECASE,
)

# --- sentence-level junk inside paragraphs ------------------------------------------------------

SENT_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=[\"“‘'(]?[A-Z0-9])|(?<=[.!?…][\"”’'])\s+(?=[\"“‘'(]?[A-Z0-9])")
JUNK_SENTENCE = re.compile(
    r"\b(?:(?:may|might|could|will) (?:earn|receive|get) (?:a |an )?(?:small )?(?:commission|affiliate)|"
    r"buy through links|affiliate links?|follow [\w'’&. -]{1,40} on (?:google news|twitter|x|facebook|"
    r"instagram|linkedin|telegram|whatsapp|threads|bluesky)|click the follow button|"
    r"error in retrieving data|sign in to access|sign up (?:for|to) (?:our|the)|"
    r"subscribe (?:to|for) (?:our|the)|join (?:our|[\w]+['’]s) [\w ]{0,20}(?:telegram|whatsapp) channel|"
    r"connect with us|this is a breaking (?:news )?story|this story (?:has been|was) (?:updated|corrected))",
    re.IGNORECASE,
)
# Words one of which every JUNK_SENTENCE phrase has; a paragraph with none skips the regex.
JUNK_HINTS = (
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
INLINE_AD = re.compile(
    r"\s*\b(?:Read More|READ MORE|Read more|Also Read|ALSO READ|Also read|Read Also|RELATED|Related)"
    r"\s*:?\s+[A-Z0-9‘'\"“][^.!?]{3,160}?(?:\s+[-|–]\s+[A-Z][\w.'’& ]{1,40})?\s*$"
)
# An author bio closing the article: "Magdalene Fung is The Straits Times' Hong Kong correspondent."
_BIO_NAME = r"[A-Z][\w’'.-]+(?: (?:[A-Z][\w’'.-]+|de|van|von|bin|al|da|del|le|la)){1,3}"
_BIO_ROLE = (
    r"(?:correspondent|reporter|editor|writer|columnist|journalist|contributor|bureau chief|critic|"
    r"producer|analyst|commentator)s?"
)
_BIO_OUTLET = r"(?:[Tt]he )?[A-Z][\w&.’'-]*(?: (?:[A-Z][\w&.’'-]*|of|for|and|&)){0,4}?"
BIO = re.compile(
    rf"(?:^|(?<=[.!?”\"’] ))(?P<name>{_BIO_NAME}) (?:is|was) (?:(?:a|an|the) )?"
    rf"(?:(?P<outlet>{_BIO_OUTLET})['’]s? (?:[\w-]+ ){{0,5}}?{_BIO_ROLE}\b"
    rf"|(?:[\w-]+ ){{0,5}}?{_BIO_ROLE} (?:at|for|with) (?P<outlet2>{_BIO_OUTLET})(?=[.,;]| based| covering|$))"
)

# --- header: bylines, datelines, outlets --------------------------------------------------------

# Words of a job title printed after a byline name ("Amy Gibbons Political Correspondent").
ROLE_WORDS = frozenset(
    """correspondent reporter editor writer director columnist contributor producer staff team chief
    senior deputy assistant associate executive managing head lead desk hub content news travel
    political politics lifestyle sports sport business economics science health technology tech
    entertainment royal digital features freelance gear fashion culture foreign investigative data
    analyst host commentator critic strategist fellow professor photographer journalist international
    national global world us uk editorial video audio special opinion contributing""".split()
)
NAME_PARTICLES = frozenset("de van von der den bin al da del la le di du dos das ter".split())
NAME_TOKEN = re.compile(r"^(?:[A-Z][a-zà-ÿ’'-]*(?:[A-Z][a-zà-ÿ’'-]+)?|[A-Z]\.?|[A-Z][A-Z’'-]+)\.?$")
BYLINE_CUT = re.compile(
    r"\s+(?:[|·•—–]|-{1,2})\s+|\s{2,}|\s+(?:for|in|with|at)\s+(?=[A-Z])|\s+(?:published|posted|updated)\b"
    r"|\s*@\w+|\s+\d|\s+(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d)",
    re.IGNORECASE,
)
AGENCIES = {
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
FOOTNOTE = re.compile(r"(?<=[a-z])\d+\b")
BYLINE_SEPARATOR = re.compile(r"\s+[|·•]\s+")
MONTH_WORD = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
    r"august|september|october|november|december|published|updated|posted|mon|tue|wed|thu|fri|sat|sun)\.?$",
    re.IGNORECASE,
)
# Words of page furniture that a two-word link can share with a name ("Social Sharing").
UI_WORDS = frozenset(
    "share sharing social save saved comments comment menu print email follow listen trail links content "
    "live video videos photos images image gallery latest top stories trending newsletter subscribe".split()
)
AGENCY_TAIL = re.compile(
    r"\s+(?:"
    + "|".join(sorted((re.escape(k) for k in AGENCIES if " " in k or len(k) > 3), key=len, reverse=True))
    + r")$",
    re.IGNORECASE,
)
NAME_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+", re.IGNORECASE)

# "(Yicai) Oct. 20 -- ", "KATHMANDU, April 25 (Reuters) - ", "MEXICO CITY (AP) — "
DATELINE = re.compile(
    r"^(?:(?P<place>[A-Z][A-Za-z.'’ ]{1,40}?(?:, [A-Za-z.'’ ]{1,25})?)\s*,?\s*)?"
    r"(?:\((?P<source>[A-Z][\w.&' -]{1,30})\)\s*)?(?P<date>(?:[A-Z][a-z]{2,8}\.?|[A-Z]{3,9}\.?) \d{1,2})?"
    r"\s*(?:\((?P<source2>[A-Z][\w.&' -]{1,30})\)\s*)?(?:--|—|–|-)\s+(?=\S)"
)
FIRST_LINE_TITLE = re.compile(r"^(?P<title>.{15,}?)\s+[-|–—:]\s+(?P<site>[^-|–—]{2,40})$")
_COPYRIGHT_OWNER = r"(?:[Tt]he )?[A-Z][\w&'’.-]*(?: (?:[A-Z][\w&'’.-]*|and|of|&)){0,5}"
COPYRIGHT = re.compile(
    rf"©\s*(?i:copyright\s*)?(?:\d{{4}}\s*(?:[-–]\s*\d{{4}})?\s*)?(?P<name>{_COPYRIGHT_OWNER})"
    rf"|(?i:copyright)\s*©?\s*\d{{4}}\s+(?P<name2>{_COPYRIGHT_OWNER})"
)
OUTLET_PHRASE = re.compile(
    r"\b(?i:subscribe to|access|updates from|working at|follow|support)\s+"
    r"(?P<name>(?:The )?[A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*){0,3})"
    r"(?=\s+(?:digital|across|premium|epaper|e-paper|on google news|and get)\b)",
)
# Words after a publisher's name in a copyright or subscription line ("Bloomberg L.P. All Rights").
CORPORATE_TAIL = re.compile(
    r"(?:\s+(?:L\.?P\.?|Ltd\.?|Limited|Inc\.?|LLC|plc|PLC|Group|News & Media|Media|Corp\.?|"
    r"Company|All|Rights|Reserved|Powered|or|and|of|&|Digital|Premium)\.?)+$"
)

# --- script left in text -------------------------------------------------------------------------

# Script left in scraped text, recognised by its shape: a declaration or call ending in ";", a
# function body, a PHP block. Real prose does not have "= {" or "();" in it.
CODE_FRAGMENT = re.compile(
    r"\b(?:var|let|const)\s+[A-Za-z_$][\w$]*\s*=\s*[^;\n]{0,400};"
    r"|\b(?:window|document|googletag|dataLayer|jQuery|\$)\s*[.(][^;\n]{0,400}\)\s*;"
    r"|\bfunction\s*[\w$]*\s*\([^)\n]{0,100}\)\s*\{[^{}]{0,400}\}\s*;?"
    r"|<\?php.*?\?>|<script\b.*?</script>|^\s*\}\s*\?>\s*$",
    re.DOTALL | re.MULTILINE,
)
CODE_HINT = re.compile(r"[;{]|\?>|<script")
