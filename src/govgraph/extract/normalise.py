"""Text normalisation before any extraction, with a map back to the original offsets.

Readers never look at a file's text as published: they read ``normalise(text).text``, where

- line ends (CRLF, lone CR, NEL U+0085, U+2028, U+2029) are ``\\n``;
- a BOM, zero-width characters and soft hyphens are gone;
- NBSP and the other odd spaces are plain spaces;
- mojibake, HTML entities, curly quotes, full-width forms and NFD accents are fixed by ftfy
  (applied token by token, so every change stays inside one token and offsets can be mapped back);
- web-page shortcodes (``[backgroundpapers event="94489"]``, ``[/participants]``) and HTML tags
  left in the text (``<br />``) are removed;
- a run of lines the page repeats verbatim (a duplicated speaker block, a paragraph printed twice)
  is removed, so it cannot create duplicate facts; evidence then points at the first occurrence.

Every character of the normalised text maps back to the original text, so an evidence span found
in the normalised text becomes a :class:`govgraph.records.Span` into the file as it is on disk:

>>> nt = normalise("Speaker 1:\\u00a0Jos\\u00e9\\r\\nOther")
>>> nt.text
'Speaker 1: José\\nOther'
>>> nt.original_span(11, 15)
(11, 15)
>>> nt.span(11, 15).quote
'Speaker 1:\\xa0José'

Public API: :func:`normalise`, :func:`normalise_file`, :class:`NormalisedText`, :class:`Line`,
:func:`evidence_span`, :func:`identity`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

import ftfy

from govgraph.records import SourceFile, Span

__all__ = ["Line", "NormalisedText", "evidence_span", "identity", "normalise", "normalise_file"]

# Line breaks as the decoder may leave them; CRLF first so it counts as one break.
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
# Tokens are split on blanks, but an odd space right after "Â"/"Ã" stays in its token: it is part
# of the mojibake of one character ("Â\xa0" is a mis-decoded NBSP) and ftfy must see it whole.
_SPACES = " \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_TOKEN = re.compile(rf"(?:[^{_SPACES}]|(?<=[ÂÃ])[{_SPACES}])+|[{_SPACES}]+")
# The same split, character by character, for :func:`_token_at`: a token is a maximal run of "word"
# characters (not blanks, or a blank glued to a preceding "Â"/"Ã") or of blanks.
_SPACE_CHARS = frozenset(" \t\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B))))
_GLUE = frozenset("ÂÃ")
# A token can change only if it holds a character outside ASCII or the "&" of an HTML entity.
_FIX_CANDIDATE = re.compile(r"[^\x00-\x7f]|&")
# WordPress-style shortcodes: [name key=value ...] or [/name]. A lower-case name with at least one
# key=value attribute (or a closing slash) keeps "[TBC]" and "[1]" in the text.
_SHORTCODE = re.compile(
    r"\[(?:/[a-z][\w-]*|[a-z][\w-]*(?:\s+[\w-]+\s*=\s*[^\]\s]*)+)\s*\]"
    # and HTML tags left in a page's text ("<br />", "<strong>", "</p>")
    r"|</?[A-Za-z][A-Za-z0-9]*(?:\s+[^<>]{0,200})?/?>"
)
_BLOCK_TAG = re.compile(r"</?(?:br|p|div|li|ul|ol|tr|td|th|h[1-6]|section|article)\b", re.IGNORECASE)
_ODD_SPACES = dict.fromkeys(
    map(ord, "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"),
    " ",
)
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"), None)
# ftfy turns curly quotes straight; tokens that skip ftfy get the same by this table.
_QUOTES = {ord("’"): "'", ord("‘"): "'", ord("“"): '"', ord("”"): '"'}
_CLEAN = {**_ODD_SPACES, **_INVISIBLE}
_CLEAN_QUOTES = {**_CLEAN, **_QUOTES}
# Characters whose presence means a token needs more than the ASCII fast path.
_NEEDS_FIX = re.compile(r"[^\x20-\x7e]|&")
# Characters that make a line more than a plain copy: those and the shortcode and tag openers. The
# line breaks are left out (no line holds one); they are added apart.
_SPECIAL = re.compile(r"[^\x20-\x7e\n\r\x85\u2028\u2029]|[&\[<]")
# What only ftfy can mend: two characters in a row from the Latin-1/Windows-1252 upper half (the
# trace of UTF-8 bytes decoded one by one: "Ã©", "â€™", "Â\xa0"), an HTML entity, full-width forms or
# ligatures. A lone "é" or "’" is text, not mojibake, and skips ftfy: it is the slow part.
_HIGH = "\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122\ufffd"
_SUSPECT = re.compile(rf"[{_HIGH}][{_HIGH}]|&[#\w]+;?|[\uff01-\uff5e\ufb00-\ufb06]")
_FTFY_CONFIG = ftfy.TextFixerConfig(normalization="NFC", explain=False)


@dataclass(frozen=True)
class Line:
    """One line of the normalised text: ``text == nt.text[start:end]`` (no line end)."""

    start: int
    end: int
    text: str


@dataclass
class NormalisedText:
    """The normalised text of one original text, with the map back to the original offsets.

    ``text`` is what readers match against. ``original_span`` maps a normalised span to original
    offsets; ``span`` builds a :class:`Span` (file, offsets, 1-based line, quote) from it.
    ``duplicates`` lists the original ranges removed as repeats, each with the original start of the
    first occurrence: ``(dup_start, dup_end, first_start)``.
    """

    text: str
    original: str
    file: str = ""
    duplicates: list[tuple[int, int, int]] = field(default_factory=list)
    # Segments: parallel lists. A positional segment (flag True: same length in both texts) maps
    # character by character; any other segment maps as a whole to its original range.
    _norm_starts: list[int] = field(default_factory=list, repr=False)
    _orig_starts: list[int] = field(default_factory=list, repr=False)
    _norm_lens: list[int] = field(default_factory=list, repr=False)
    _orig_lens: list[int] = field(default_factory=list, repr=False)
    _copy: list[bool] = field(default_factory=list, repr=False)
    _orig_line_starts: list[int] = field(default_factory=list, repr=False)
    _lines: list[Line] | None = field(default=None, repr=False)
    _spans: dict[tuple[int, int, bool], Span] = field(default_factory=dict, repr=False)

    @property
    def lines(self) -> list[Line]:
        """The lines of the normalised text with their normalised offsets."""
        if self._lines is None:
            lines = []
            pos = 0
            for chunk in self.text.split("\n"):
                lines.append(Line(pos, pos + len(chunk), chunk))
                pos += len(chunk) + 1
            self._lines = lines
        return self._lines

    def _segment(self, pos: int) -> int:
        return max(bisect_right(self._norm_starts, pos) - 1, 0)

    def original_offset(self, pos: int, *, end: bool = False) -> int:
        """The original offset of normalised position ``pos`` (as a span end when ``end``)."""
        if not self._norm_starts:
            return 0
        if end:
            if pos <= 0:
                return self._orig_starts[0]
            i = self._segment(pos - 1)
            ns, os_ = self._norm_starts[i], self._orig_starts[i]
            if self._copy[i]:
                return os_ + min(pos - ns, self._orig_lens[i])
            return os_ + self._orig_lens[i]
        i = self._segment(pos)
        ns, os_ = self._norm_starts[i], self._orig_starts[i]
        if pos >= ns + self._norm_lens[i]:
            return os_ + self._orig_lens[i]
        if self._copy[i]:
            return os_ + (pos - ns)
        return os_

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised span ``[start, end)`` to ``(orig_start, orig_end)`` in the original.

        A span that touches a replaced piece (a fixed token, a CRLF) widens to cover all of it, so
        the original slice always contains what the normalised slice says.
        """
        o_start = self.original_offset(start)
        if end <= start:
            return o_start, o_start
        return o_start, max(self.original_offset(end, end=True), o_start)

    def original_line(self, orig_pos: int) -> tuple[int, int, int]:
        """``(line_number, line_start, line_end)`` of the original line holding ``orig_pos``."""
        i = max(bisect_right(self._orig_line_starts, orig_pos) - 1, 0)
        start = self._orig_line_starts[i] if self._orig_line_starts else 0
        m = _LINE_BREAK.search(self.original, start)
        return i + 1, start, m.start() if m else len(self.original)

    def span(self, start: int, end: int, *, whole_line: bool = True) -> Span:
        """A :class:`Span` for the normalised span ``[start, end)``.

        With ``whole_line`` (the default, the evidence convention of docs/model.md) the offsets
        cover the original line that holds the span's start, stripped of blanks, and
        ``quote == original[span.start:span.end]``; otherwise they are the mapped span itself and
        ``quote`` is still the whole stripped line.
        """
        key = (start, end, whole_line)
        cached = self._spans.get(key)
        if cached is not None:
            return cached
        span = self._span(start, end, whole_line)
        self._spans[key] = span
        return span

    def _span(self, start: int, end: int, whole_line: bool) -> Span:
        o_start, o_end = self.original_span(start, end)
        line_no, l_start, l_end = self.original_line(o_start)
        raw = self.original[l_start:l_end]
        stripped = raw.strip()
        q_start = l_start + (len(raw) - len(raw.lstrip()))
        if whole_line:
            if o_end > l_end:
                # A span that runs over several original lines keeps its true end; the quote stays
                # the first line.
                return Span(self.file, q_start, o_end, line_no, stripped)
            return Span(self.file, q_start, q_start + len(stripped), line_no, stripped)
        return Span(self.file, o_start, o_end, line_no, stripped)


def evidence_span(source: SourceFile, nt: NormalisedText, start: int, end: int, *, whole_line: bool = True) -> Span:
    """The evidence :class:`Span` in ``source`` for the normalised span ``[start, end)`` of ``nt``.

    ``nt`` must be the normalisation of ``source.text``; the span's file is ``source.path``.
    """
    span = nt.span(start, end, whole_line=whole_line)
    if span.file != source.path:
        span = Span(source.path, span.start, span.end, span.line, span.quote)
    return span


def identity(text: str, *, file: str = "") -> NormalisedText:
    """A :class:`NormalisedText` that leaves ``text`` as it is (spans are offsets into ``text``)."""
    return NormalisedText(
        text=text,
        original=text,
        file=file,
        _norm_starts=[0],
        _orig_starts=[0],
        _norm_lens=[len(text)],
        _orig_lens=[len(text)],
        _copy=[True],
        _orig_line_starts=[s for s, _, _ in _split_lines(text)],
    )


def normalise_file(source: SourceFile, *, dedupe: bool = True) -> NormalisedText:
    """Normalise a source file's text; spans made from the result name ``source.path``."""
    return normalise(source.text, file=source.path, dedupe=dedupe)


@lru_cache(maxsize=16384)
def _fix_token(token: str) -> str:
    # Cached: a page repeats its names, organisations and mojibake tokens, and ftfy is the slow part.
    if _SUSPECT.search(token):
        return ftfy.fix_text(token, _FTFY_CONFIG).translate(_CLEAN_QUOTES)
    fixed = token.translate(_CLEAN_QUOTES)
    if not fixed.isascii() and not unicodedata.is_normalized("NFC", fixed):
        fixed = unicodedata.normalize("NFC", fixed)
    return fixed


class _Builder:
    """Collects normalised pieces and the segments mapping them to the original."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.norm_starts: list[int] = []
        self.orig_starts: list[int] = []
        self.norm_lens: list[int] = []
        self.orig_lens: list[int] = []
        self.copy: list[bool] = []

    def add(self, norm: str, orig_start: int, orig_len: int, copy: bool) -> None:
        if not norm:
            return  # a deletion: nothing in the normalised text points at it
        n = len(norm)
        if copy and self.copy and self.copy[-1] and self.orig_starts[-1] + self.orig_lens[-1] == orig_start:
            # Merge consecutive copies so the segment table stays small (fast bisect, little memory).
            self.norm_lens[-1] += n
            self.orig_lens[-1] += n
        else:
            self.norm_starts.append(self.pos)
            self.orig_starts.append(orig_start)
            self.norm_lens.append(n)
            self.orig_lens.append(orig_len)
            self.copy.append(copy)
        self.parts.append(norm)
        self.pos += n


def _split_lines(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, next_start)`` of each original line (``end`` excludes the line break)."""
    out = []
    pos = 0
    for m in _LINE_BREAK.finditer(text):
        start, end = m.span()
        out.append((pos, start, end))
        pos = end
    out.append((pos, len(text), len(text)))
    return out


def _fix_line(text: str, start: int, end: int, b: _Builder) -> None:
    line = text[start:end]
    if not _NEEDS_FIX.search(line) and "[" not in line and "<" not in line:
        b.add(line, start, len(line), True)  # the common case: a plain ASCII line
        return
    cursor = 0
    for m in _SHORTCODE.finditer(line):
        _fix_tokens(line[cursor : m.start()], start + cursor, b)
        if _BLOCK_TAG.match(m.group()):
            # A line-level tag ("<br />", "<p>") separates words: it becomes one space.
            b.add(" ", start + m.start(), m.end() - m.start(), False)
        cursor = m.end()
    _fix_tokens(line[cursor:], start + cursor, b)


def _is_word_char(chunk: str, i: int) -> bool:
    return chunk[i] not in _SPACE_CHARS or (i > 0 and chunk[i - 1] in _GLUE)


def _token_at(chunk: str, i: int) -> tuple[int, int]:
    """``(start, end)`` of the :data:`_TOKEN` token of ``chunk`` that holds ``chunk[i]``."""
    word = _is_word_char(chunk, i)
    start, end, n = i, i + 1, len(chunk)
    while start > 0 and _is_word_char(chunk, start - 1) == word:
        start -= 1
    while end < n and _is_word_char(chunk, end) == word:
        end += 1
    return start, end


def _fix_tokens(chunk: str, offset: int, b: _Builder) -> None:
    # Only tokens holding a non-ASCII character or "&" can change; they are found from those
    # characters rather than by walking every token of the chunk (a long contribution has
    # thousands of plain words per non-ASCII letter). The text between changed tokens is added as
    # one copied run, as the builder would have merged it anyway.
    copied = 0  # start (in chunk) of the run of unchanged text not yet added
    scanned = 0  # end of the last token looked at
    for m in _FIX_CANDIDATE.finditer(chunk):
        if m.start() < scanned:
            continue  # inside a token already looked at
        start, end = _token_at(chunk, m.start())
        scanned = end
        token = chunk[start:end]
        fixed = _fix_token(token)
        if fixed == token:
            continue
        if start > copied:
            b.add(chunk[copied:start], offset + copied, start - copied, True)
        copied = end
        if len(fixed) != len(token) and fixed == token.translate(_CLEAN_QUOTES):
            # Only invisible characters went (soft hyphen, zero-width, BOM): map character by
            # character so "Kowal\xadski" still points at its exact original letters.
            pos = offset + start
            for k, ch in enumerate(token):
                b.add(ch.translate(_CLEAN_QUOTES), pos + k, 1, True)
            continue
        # A fix that keeps the length (NBSP to space, curly to straight quotes) maps position by
        # position; any other fix maps as a whole to the original token.
        b.add(fixed, offset + start, len(token), len(fixed) == len(token))
    if copied < len(chunk):
        b.add(chunk[copied:], offset + copied, len(chunk) - copied, True)


def _find_duplicates(lines: list[str]) -> dict[int, int]:
    """Indices of lines that repeat an earlier run, each mapped to the index it repeats.

    A repeat is a run of at least two non-blank lines equal (after stripping) to an earlier,
    non-overlapping run, or a single non-blank line equal to the non-blank line just before it.
    A single line repeated further away is kept: the same "Name, group, group" line legitimately
    follows both "Online Moderator" and "Rapporteur".
    """
    keys = [ln.strip() for ln in lines]
    nonblank = [i for i, k in enumerate(keys) if k]
    seq = [keys[i] for i in nonblank]
    where: dict[str, list[int]] = {}
    dup: dict[int, int] = {}
    k = 0
    while k < len(seq):
        best_len, best_from = 0, -1
        for j in where.get(seq[k], ()):
            n = 0
            while k + n < len(seq) and j + n < k and seq[j + n] == seq[k + n]:
                n += 1
            if n > best_len or (n == best_len and j > best_from):
                best_len, best_from = n, j
        if best_len >= 2 or (best_len == 1 and best_from == k - 1):
            for n in range(best_len):
                dup[nonblank[k + n]] = nonblank[best_from + n]
            k += best_len
            continue
        where.setdefault(seq[k], []).append(k)
        k += 1
    return dup


def normalise(text: str, *, file: str = "", dedupe: bool = True) -> NormalisedText:
    """Normalise ``text`` (see the module docstring); ``file`` names the spans it builds.

    With ``dedupe`` (the default) lines repeating an earlier run are dropped from the normalised
    text; readers of pages whose blocks may legitimately repeat (several events listing the same
    organisers) pass ``dedupe=False``.
    """
    raw_lines = _split_lines(text)
    special = _special_lines(text, raw_lines)
    b = _Builder()
    fixed_lines: list[str] = []  # the normalised text of each line, for finding repeats
    _add_lines(text, raw_lines, special, b, fixed_lines)
    duplicates: list[tuple[int, int, int]] = []
    if dedupe and len(raw_lines) > 2:
        dup = _find_duplicates(fixed_lines)
        if dup:
            b = _Builder()
            _add_lines(text, raw_lines, special, b, drop=set(dup))
            for i, j in sorted(dup.items()):
                duplicates.append((raw_lines[i][0], raw_lines[i][1], raw_lines[j][0]))
    return NormalisedText(
        text="".join(b.parts),
        original=text,
        file=file,
        duplicates=duplicates,
        _norm_starts=b.norm_starts,
        _orig_starts=b.orig_starts,
        _norm_lens=b.norm_lens,
        _orig_lens=b.orig_lens,
        _copy=b.copy,
        _orig_line_starts=[s for s, _, _ in raw_lines],
    )


def _special_lines(text: str, raw_lines: list[tuple[int, int, int]]) -> set[int]:
    """Indices of the lines :func:`_fix_line` may change (all others are copied as they are).

    Found with one search over the whole text, so that the (many) plain lines cost no per-line work.
    """
    starts = [s for s, _, _ in raw_lines]
    special: set[int] = set()
    m = _SPECIAL.search(text)
    while m is not None:
        line = bisect_right(starts, m.start()) - 1
        special.add(line)
        m = _SPECIAL.search(text, raw_lines[line][2])  # the rest of that line need not be looked at
    return special


def _add_lines(
    text: str,
    raw_lines: list[tuple[int, int, int]],
    special: set[int],
    b: _Builder,
    fixed_lines: list[str] | None = None,
    drop: set[int] | frozenset[int] = frozenset(),
) -> None:
    """Add the normalised lines of ``text`` (all but those in ``drop``) with their line breaks to ``b``.

    A run of plain lines (not in ``special``) is copied in one piece: line by line the builder would
    have merged the same copies into the same segment. ``fixed_lines`` gets each added line's text.
    """
    run = -1  # original start of the run of plain lines not yet added
    run_end = 0
    for i, (start, end, nxt) in enumerate(raw_lines):
        plain_break = nxt == end or (nxt - end == 1 and text[end] == "\n")
        if i not in special and i not in drop:
            if fixed_lines is not None:
                fixed_lines.append(text[start:end])
            if run < 0:
                run = start
            if plain_break:
                run_end = nxt
                continue
            # CRLF, CR, NEL …: the run ends with the line, the break becomes "\n" (mapped as a whole).
            b.add(text[run:end], run, end - run, True)
            run = -1
            b.add("\n", end, nxt - end, False)
            continue
        if run >= 0:
            b.add(text[run:run_end], run, run_end - run, True)
            run = -1
        if i in drop:
            continue
        first = len(b.parts)
        _fix_line(text, start, end, b)
        if fixed_lines is not None:
            fixed_lines.append("".join(b.parts[first:]))
        if nxt > end:
            b.add("\n", end, nxt - end, plain_break)
    if run >= 0:
        b.add(text[run:run_end], run, run_end - run, True)
