"""The names of export columns, kept as data: which field each column fills, which are left out.

``exports`` reads these tables; an analyst adds to them per corpus with ``columns=`` or a
``columns.yml`` (``exports.check_columns``). Column names are matched as ``exports`` keys them
(case-insensitive; ``"Pub Date"``, ``"pub-date"``, ``"pubDate"`` all as ``pub_date``).
"""

from __future__ import annotations

import re

#: Column names of CSV/JSON exports (case-insensitive; "Pub Date", "pub-date", "pubDate" as ``pub_date``)
#: and the record field each fills ("date" fills published, date_precision and date_text). When several
#: columns fill one field, the earlier one here wins cell by cell, so a full text column is preferred
#: to a lead paragraph or summary, which fill in only where it is empty.
COLUMN_MAP: dict[str, str] = {
    "title": "title",
    "headline": "title",
    "headline.main": "title",  # NYT Article Search
    "web_title": "title",  # Guardian Open Platform
    "head": "title",
    "heading": "title",
    "标题": "title",
    "標題": "title",
    "text": "text",
    "body": "text",
    "body_text": "text",
    "fields.body_text": "text",  # Guardian, fields requested
    "content": "text",
    "content_text": "text",  # JSON Feed
    "content_html": "text",
    "article": "text",
    "article_text": "text",
    "full_text": "text",
    "raw_text": "text",  # NewsData.io with scraped text
    "text_html": "text",
    "正文": "text",
    "內容": "text",
    "内容": "text",
    "lead_paragraph": "text",
    "lead": "text",
    "summary": "text",
    "abstract": "text",
    "description": "text",
    "snippet": "text",
    "摘要": "text",
    "url": "url",
    "link": "url",
    "article_url": "url",
    "article_link": "url",  # NewsData.io
    "web_url": "url",
    "webpage_url": "url",
    "網址": "url",
    "网址": "url",
    "链接": "url",
    "連結": "url",
    "date": "date",
    "published": "date",
    "pub_date": "date",
    "publish_date": "date",
    "publication_date": "date",
    "published_at": "date",
    "published_date": "date",
    "date_published": "date",  # JSON Feed, schema.org
    "published_date_(gmt)": "date",  # NewsData.io
    "web_publication_date": "date",
    "seendate": "date",  # GDELT
    "datetime": "date",
    "published_date_gmt": "date",
    "time": "date",
    "時間": "date",
    "时间": "date",
    "日期": "date",
    "發佈日期": "date",
    "发布日期": "date",
    "發布日期": "date",
    "outlet": "outlet",
    "source": "outlet",
    "source.name": "outlet",  # NewsAPI
    "publisher": "outlet",
    "media_name": "outlet",  # Media Cloud
    "site": "outlet",
    "media": "outlet",
    "来源": "outlet",
    "來源": "outlet",
    "domain": "outlet",  # GDELT, Media Cloud: the site, when no name is given
    "authors": "authors",
    "author": "authors",
    "author.name": "authors",  # JSON Feed 1.0
    "byline": "authors",
    "byline.original": "authors",
    "作者": "authors",
    "creator": "authors",
    "記者": "authors",
    "记者": "authors",
}

#: Columns exports carry that fill no field (ids, images, tags, the page or section printed in):
#: left out, and recorded as such, but not reported as unknown. (``section`` and ``版面`` could
#: become a field of their own; the articles table has none for them yet.)
IGNORED_COLUMNS = (
    "id",
    "_id",
    "uri",
    "section",
    "section_name",
    "subsection_name",
    "版面",
    "image",
    "image_url",
    "url_to_image",
    "socialimage",
    "multimedia",
    "attachments",
    "keywords",
    "tags",
    "word_count",
    "document_type",
    "news_desk",
    "type_of_material",
    "print_section",
    "print_page",
    "source.id",
    "url_mobile",
    "sourcecountry",
    "language",
    "date_modified",
    "author.url",
    "author.avatar",
    "headline.print_headline",  # NYT: the headline as printed, a kicker, ... (headline.main is the title)
    "headline.kicker",
    "headline.content_kicker",
    "headline.name",
    "headline.seo",
    "headline.sub",
    "byline.person",  # (byline.original names them)
    "byline.organization",
    "category",
    "categories",
    "country",
    "video_url",
    "themes",
    "media_id",  # Media Cloud
    "media_url",
    "stories_id",
    "ap_syndicated",
    "archive_playback_url",
    "original_capture_url",
    "unnamed:_0",
    "",
)
#: Columns that say when a record was collected (crawled, captured, downloaded), not published:
#: left out, with a note naming them, since they are the only date some exports carry; relative
#: and yearless dates in the row ("2 hours ago") are counted from them.
COLLECTED_COLUMNS = (
    "crawled_at",
    "crawl_date",
    "capture_time",
    "download_date",
    "downloaded_at",
    "scraped_at",
    "fetched_at",
    "retrieved_at",
    "collected",
    "collected_at",
)

#: Columns of a parallel (translation) table, each holding the same text in one language: ``en``,
#: ``zh``, ``zh_hant``, ``text_en``, ``text_zh_hant``, ``en_text`` (keyed as ``COLUMN_MAP`` is). Not
#: mapped to a field: a row of such a table is one text in several languages, and the articles table
#: has one article per row (its id is the file and the row). Which language to read is the analyst's
#: choice, one line (``columns={"text_zh_hant": "text"}``); the reader names these columns in its
#: error so that the line is easy to write. (The PUD sentences and the HKMA report pairs in
#: ``../shared/corpora/chinese`` are such tables: single treebank sentences, and the report's
#: chapters that its ``md_2024`` pages give again.)
PARALLEL_TEXT_COLUMN = re.compile(
    r"(?:(?:text|body|content|sentence)_)?[a-z]{2}(?:_(?:hans|hant|cn|tw|hk|sg|mo|us|gb|uk))?(?:_(?:text|body|content))?"
)

#: Where APIs put the list of records, tried in this order (a dotted path into the JSON object).
ENVELOPES = (
    "response.docs",
    "articles.results",
    "response.results",
    "results",
    "articles",
    "items",
    "data",
    "docs",
    "stories",
    "entries",
    "hits.hits",
)

#: The fields a column can fill, as ``columns=`` names them (the articles' columns), and the
#: reader's own name for each ("published" is read from a date column: ``date``).
FIELDS = {
    "title": "title",
    "text": "text",
    "published": "date",
    "url": "url",
    "outlet": "outlet",
    "authors": "authors",
}
#: The field (as ``columns=`` names it) of each of the reader's own names: ``{"date": "published", ...}``.
FIELD_NAMES = {reader: field for field, reader in FIELDS.items()}


__all__ = [
    "COLLECTED_COLUMNS",
    "COLUMN_MAP",
    "ENVELOPES",
    "FIELDS",
    "FIELD_NAMES",
    "IGNORED_COLUMNS",
    "PARALLEL_TEXT_COLUMN",
]
