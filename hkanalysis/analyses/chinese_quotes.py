"""Who is quoted in a Chinese sentence: the speaker before a verb of speech (林鄭月娥表示，...).

Chinese news attributes speech with a verb after the speaker, the words said in 「」 or “” or
after a comma: ``林鄭月娥今日（七月一日）表示，...``, ``「...」，他說。``, ``據新華社報道，...``.
Patterns run on the text folded to Simplified characters (``scripts.fold``: same offsets), so
說 and 说, 強調 and 强调 are one verb. The speaker is the run of characters between the last
punctuation mark (or the sentence's start) and the verb, less words of time and manner that stand
between them (今日, 昨日, 也, 亦, 又, a date in brackets). ``narratives.compare_story`` turns a
speaker that overlaps an actor mention into that actor (行政長官林鄭月娥 is Carrie Lam).

Verbs that are also parts of other words (称 in 称为, 说 in 小说, 说明) count only when a mark
follows them (，：「“ or the sentence's end), as they do when they introduce speech; the others (表示, 指出, 强调 ...)
count wherever they follow a speaker.
"""

from __future__ import annotations

import re

from ..ingest.scripts import fold

#: Verbs that attribute speech in Chinese news (Simplified: patterns run on folded text).
SPEECH_VERBS_ZH = (
    "表示",
    "指出",
    "强调",
    "透露",
    "坦言",
    "直言",
    "重申",
    "认为",
    "宣布",
    "警告",
    "回应",
    "补充",
    "声称",
    "称",
    "说",
    "问",
    "答",
)
_STRONG = "表示|指出|强调|透露|坦言|直言|重申|认为|宣布|警告|回应|补充|声称"
_WEAK = "称|说"  # count only before a mark: 称为, 简称, 小说, 说明 are not speech
_FILLER = (
    r"(?:今日|昨日|昨天|今天|日前|较早前|早前|当日|当天|随后|其后|同时|亦|也|又|再次|再|更|则|都|还|曾|均"
    r"|（[^（）]{0,16}）|在[^，,。；;：:「」“”]{1,12}?[上中时后内])*"
)
_BOUNDARY = r"(?:^|(?<=[，,。；;：:、「」『』“”\s]))"
_SPEAKER = r"(?P<speaker>[^，,。；;：:、「」『』“”（）()\s]{1,16}?)"
_PATTERNS = (
    re.compile(rf"{_BOUNDARY}{_SPEAKER}{_FILLER}(?P<verb>{_STRONG}|(?:{_WEAK})(?=[，,：:「“。！？]|$))"),
    # 据新华社报道 / 根据消息人士透露: according to
    re.compile(rf"(?P<verb>据|根据){_SPEAKER}(?:报道|称|表示|透露|消息|指)"),
)
_NOT_SPEAKERS = {"他们并", "有关", "这", "此", "并", "但", "而", "他并", "她并"}


def attributions(text: str) -> list[tuple[int, str, int, str]]:
    """``(verb_at, speaker, speaker_start, verb)`` for each attribution in a Chinese sentence.

    Offsets are into ``text``; ``speaker`` is as written, ``verb`` in Simplified form.
    """
    folded = fold(text)
    found: dict[int, tuple[int, str, int, str]] = {}
    for pattern in _PATTERNS:
        for match in pattern.finditer(folded):
            verb_at = match.start("verb")
            start, end = match.span("speaker")
            speaker = text[start:end]
            if verb_at in found or folded[start:end] in _NOT_SPEAKERS:
                continue
            found[verb_at] = (verb_at, speaker, start, match.group("verb"))
    return [found[at] for at in sorted(found)]
