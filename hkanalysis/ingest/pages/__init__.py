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

The steps, one module each: ``lines`` normalises and classifies the lines, ``body`` finds the
articles among them and cleans their text, ``metadata`` reads the header, ``records`` puts these
together into records (``split_page``); the patterns they judge by are data in ``patterns``; a page
in another language than English has its lines judged by ``languages`` instead of ``lines.classify``.
"""

from .body import RELATED_MIN_WORDS, strip_code
from .languages import page_language
from .lines import normalise_lines
from .patterns import STOPWORDS
from .records import split_page

__all__ = ["RELATED_MIN_WORDS", "STOPWORDS", "normalise_lines", "page_language", "split_page", "strip_code"]
