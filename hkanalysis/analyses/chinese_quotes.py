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

#: Verbs that attribute speech in Chinese news (Simplified: patterns run on folded text). The
#: first ones nearly always introduce speech; the others only when a mark follows (``_WEAK``).
SPEECH_VERBS_ZH = (
    "表示",
    "指出",
    "强调",
    "透露",
    "坦言",
    "直言",
    "重申",
    "声称",
    "称",
    "说",
    "认为",
    "回应",
    "宣布",
    "警告",
    "补充",
)
_STRONG = "表示|指出|强调|透露|坦言|直言|重申|声称"
_WEAK = "称|说|认为|回应|宣布|警告|补充"  # 称为, 小说, 作出回应, 宣布成立: not speech without a mark after
_FILLER = (
    r"(?:今日|昨日|昨天|今天|日前|较早前|早前|当日|当天|随后|其后|同时|亦|也|又|再次|再|更|则|都|还|曾|均"
    r"|（[^（）]{0,16}）|在[^，,。；;：:「」“”]{1,12}?[上中时后内])*"
)
_BOUNDARY = r"(?:^|(?<=[，,。；;：:、「」『』“”\s]))"
# a speaker is a name, a title and name, or a pronoun: up to 10 characters, not opening with a
# conjunction (并, 及, 而, 如果 ...) nor ending in 的 (then the run is a clause, not a name)
_SPEAKER = r"(?P<speaker>(?![并及而如但且或与和就若因所以])[^，,。；;：:、「」『』“”（）()\s]{1,10}?(?<![的地得]))"
_PATTERNS = (
    re.compile(rf"{_BOUNDARY}{_SPEAKER}{_FILLER}(?P<verb>{_STRONG}|(?:{_WEAK})(?=[，,：:「“。！？]|$))"),
    # 据新华社报道 / 根据消息人士透露: according to
    re.compile(rf"(?P<verb>据|根据){_SPEAKER}(?:报道|称|表示|透露|消息|指)"),
)
_NOT_SPEAKERS = {"这", "此", "有关", "政府", "亦", "也", "也是", "譬如", "比如", "可否", "有人", "例如"}
# 说 ending a set phrase, not reporting speech: 换句话说, 所说, 来说, 这样说, 老实说, 比如说, 据说 ...
_SET_PHRASE = re.compile(r"(?:话|所|来|样|实|白|如|是|再|虽|听|据)说$")


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
            if _SET_PHRASE.search(folded, 0, match.end("verb")):
                continue
            found[verb_at] = (verb_at, speaker, start, match.group("verb"))
    return [found[at] for at in sorted(found)]
