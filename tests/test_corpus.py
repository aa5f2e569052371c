"""Finding and decoding the corpus: every file of the bundled corpus, measured."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

import pytest

from govgraph.corpus import decode_bytes, discover, read_source_file
from govgraph.errors import BadInputError
from govgraph.extract.registry import detect_genre
from govgraph.paths import CORPUS_DIR
from govgraph.records import SourceDocument, SourceFile


@pytest.fixture(scope="module")
def documents():
    return discover(CORPUS_DIR)


def _file(documents, path):
    return next(f for d in documents for f in d.files if f.path == path)


def test_document_counts(documents):
    per_collection = Counter(d.collection for d in documents)
    assert per_collection == {"netmundial2014": 187, "seeds": 5}
    netmundial = [d for d in documents if d.collection == "netmundial2014"]
    assert all(len(d.files) == 2 for d in netmundial)
    assert all(d.genre == "netmundial-contribution" for d in netmundial)


def test_order_and_ids_are_deterministic(documents):
    ids = [d.id for d in documents]
    assert ids == sorted(ids)
    assert ids[:2] == ["netmundial2014/001", "netmundial2014/002"]
    assert ids[-1] == "seeds/004_f23cb15b7c619879"
    assert [f.path for f in documents[5].files] == ["netmundial2014/006A.txt", "netmundial2014/006B.txt"]
    assert [d.id for d in discover(CORPUS_DIR)] == ids


def test_seed_genres_come_from_the_manifest(documents):
    seeds = {d.id: d.genre for d in documents if d.collection == "seeds"}
    assert seeds == {
        "seeds/000_907f27a4b7816e82": "igf-session",
        "seeds/001_f8a1a0766480eedb": "igf-session",
        "seeds/002_ab2014dc970125be": "igf-session",
        "seeds/003_a2bf0719b3b5a013": "network-events-page",
        "seeds/004_f23cb15b7c619879": "event-page",
    }
    note = next(d.manifest_note for d in documents if d.id == "seeds/001_f8a1a0766480eedb")
    assert note is not None and note.startswith('IGF 2021 WS #257 "Multistakeholder engagement')


def test_encodings_measured_over_every_file(documents):
    # Measured: no NETmundial file is UTF-8 beyond ASCII; 311 are Windows-1252 (bytes in 0x80-0x9F),
    # 14 have only bytes >= 0xA0 (ISO-8859-1, where it agrees with Windows-1252), 49 are pure ASCII.
    kinds = Counter((d.collection, f.encoding) for d in documents for f in d.files)
    assert kinds == {
        ("netmundial2014", "windows-1252"): 311,
        ("netmundial2014", "iso-8859-1"): 14,
        ("netmundial2014", "utf-8"): 49,
        ("seeds", "utf-8"): 5,
    }
    for d in documents:
        for f in d.files:
            # No C1 control (a NEL read from byte 0x85 would be one) and no replacement character.
            assert not re.search("[\x80-\x9f\ufffd]", f.text), f.path


def test_windows_1252_accents(documents):
    text = _file(documents, "netmundial2014/005A.txt").text
    assert "Entitled by: Roberto Uzal Daniel Riesco Germán Montejano \r\n" in text
    assert "“letter and spirit”" in text
    assert _file(documents, "netmundial2014/005A.txt").encoding == "windows-1252"


def test_iso_8859_1_accents(documents):
    assert "Henri Poincaré showed" in _file(documents, "netmundial2014/175A.txt").text
    assert "Alternative Media Barão de Itararé" in _file(documents, "netmundial2014/107A.txt").text
    assert _file(documents, "netmundial2014/175A.txt").encoding == "iso-8859-1"


def test_nel_looking_bytes_are_ellipses(documents):
    # `file` calls 076B.txt "with CRLF, NEL line terminators": its 0x85 bytes are "…" in Windows-1252.
    b076 = _file(documents, "netmundial2014/076B.txt")
    assert b076.encoding == "windows-1252"
    assert "ed. Wolfgang Kleinwächter, Multista" in b076.text
    assert "Antti Peltomäki" in b076.text
    assert "liberty\r\nand security … make each other pos" in b076.text
    assert "\x85" not in b076.text
    assert (CORPUS_DIR / "netmundial2014/076B.txt").read_bytes().count(b"\x85") == b076.text.count("…")


def test_lone_cr_is_kept(documents):
    a009 = _file(documents, "netmundial2014/009A.txt")
    assert a009.encoding == "windows-1252"
    assert a009.text.endswith("refrain from the threat or use of force.\r")
    assert [m.start() for m in re.finditer("\r(?!\n)", a009.text)] == [8039]
    assert "economic development and people’s well-bei" in a009.text


def test_utf8_accents(documents):
    text = _file(documents, "seeds/003_a2bf0719b3b5a013.txt").text
    assert "Grand Hyatt São Paulo, Av. das Nações Unidas" in text


def test_line_ends_and_offsets_point_into_the_file(documents):
    a002 = _file(documents, "netmundial2014/002A.txt")
    raw = (CORPUS_DIR / "netmundial2014/002A.txt").read_bytes()
    assert a002.text == raw.decode("cp1252")
    assert a002.text.count("\r\n") == raw.count(b"\r\n")


def test_sha256_of_the_bytes(documents):
    a005 = _file(documents, "netmundial2014/005A.txt")
    assert a005.sha256 == "7032c2b420d6d46e52065ee4bf5e44a8af79c9381a3fb86dc9d112efdf259e9b"
    for d in documents[:10]:
        for f in d.files:
            assert f.sha256 == hashlib.sha256((CORPUS_DIR / f.path).read_bytes()).hexdigest()


def test_decode_bytes_kinds():
    assert decode_bytes("Sénégal\r\n".encode()) == ("Sénégal\r\n", "utf-8")
    assert decode_bytes(b"\xef\xbb\xbfS\xc3\xa9n\xc3\xa9gal") == ("Sénégal", "utf-8-sig")
    assert decode_bytes(b"S\xe9n\xe9gal \x93quoted\x94 \x85") == ("Sénégal “quoted” …", "windows-1252")
    assert decode_bytes(b"S\xe9n\xe9gal") == ("Sénégal", "iso-8859-1")
    # Bytes Windows-1252 leaves undefined fall back to ISO-8859-1 for that byte only.
    assert decode_bytes(b"a\x81b\x9dc \x80") == ("a\x81b\x9dc €", "windows-1252")
    assert decode_bytes("Zoë".encode("utf-16")) == ("Zoë", "utf-16")


def test_detect_genre(documents):
    for d in documents:
        assert detect_genre(d) == d.genre, d.id
    plain = SourceDocument("files/plain", "files", None, [SourceFile("files/plain.txt", "", "utf-8", "Nothing here.")])
    assert detect_genre(plain) is None


def test_missing_corpus(tmp_path):
    with pytest.raises(BadInputError, match=r"corpus directory not found: .*nowhere"):
        discover(tmp_path / "nowhere")


def test_empty_file(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "empty.txt").write_bytes(b"")
    with pytest.raises(BadInputError, match=r"empty\.txt: empty file$"):
        discover(tmp_path)
    (tmp_path / "c" / "empty.txt").write_bytes(b" \r\n\r\n")
    with pytest.raises(BadInputError, match=r"empty\.txt: empty file$"):
        discover(tmp_path)


def test_binary_file(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    with pytest.raises(BadInputError, match=r"image\.txt: not a text document \(NUL bytes"):
        discover(tmp_path)
    (tmp_path / "c" / "image.txt").write_bytes(bytes(range(1, 32)) * 20)
    with pytest.raises(BadInputError, match=r"image\.txt: not a text document \(control characters"):
        discover(tmp_path)


def test_unreadable_file(tmp_path, monkeypatch):
    target = tmp_path / "locked.txt"
    target.write_text("text")
    real_read_bytes = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    # Tests may run as root, who reads any file: simulate what chmod 000 does to other users.
    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(BadInputError, match=r"locked\.txt: cannot read \(Permission denied\)$"):
        read_source_file(target, tmp_path)


def test_directory_is_not_a_document(tmp_path):
    (tmp_path / "sub.txt").mkdir()
    with pytest.raises(BadInputError, match=r"sub\.txt: is a directory, not a document$"):
        read_source_file(tmp_path / "sub.txt", tmp_path)


def test_missing_file(tmp_path):
    with pytest.raises(BadInputError, match=r"gone\.txt: no such file$"):
        read_source_file(tmp_path / "gone.txt", tmp_path)


def test_errors_are_one_line(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "empty.txt").write_bytes(b"")
    with pytest.raises(BadInputError) as info:
        discover(tmp_path)
    assert "\n" not in str(info.value)


def test_unknown_collection_and_manifest(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "b.txt").write_text("Speaker 1: Ana Silva, Civil Society, GRULAC\n", encoding="utf-8")
    (tmp_path / "mine" / "a.txt").write_text("Plain words.\n", encoding="utf-8")
    (tmp_path / "listed").mkdir()
    (tmp_path / "listed" / "MANIFEST.tsv").write_text("file\tgenre\tnote\nx.txt\tevent-page\tone event\n")
    (tmp_path / "listed" / "x.txt").write_text("Event.\n")
    (tmp_path / "listed" / "y.txt").write_text("Other.\n")
    docs = discover(tmp_path)
    assert [(d.id, d.genre, d.manifest_note) for d in docs] == [
        ("listed/x", "event-page", "one event"),
        ("listed/y", None, None),
        ("mine/a", None, None),
        ("mine/b", None, None),
    ]
    assert [f.path for f in docs[0].files] == ["listed/x.txt"]


def test_manifest_listing_a_missing_file(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "MANIFEST.tsv").write_text("file\tgenre\nghost.txt\tevent-page\n")
    with pytest.raises(BadInputError, match=r"MANIFEST\.tsv: lists ghost\.txt, which is not in"):
        discover(tmp_path)


def test_pairs_in_any_collection(tmp_path):
    (tmp_path / "nm").mkdir()
    for name in ("002B.txt", "002A.txt", "001A.txt"):
        (tmp_path / "nm" / name).write_text(f"{name}\n")
    docs = discover(tmp_path)
    assert [(d.id, [f.path for f in d.files]) for d in docs] == [
        ("nm/001", ["nm/001A.txt"]),
        ("nm/002", ["nm/002A.txt", "nm/002B.txt"]),
    ]
    assert {d.genre for d in docs} == {"netmundial-contribution"}


def test_a_corpus_of_loose_files_is_one_collection(tmp_path):
    folder = tmp_path / "loose"
    folder.mkdir()
    (folder / "one.txt").write_text("text\n")
    docs = discover(folder)
    assert [(d.id, d.collection, d.files[0].path) for d in docs] == [("loose/one", "loose", "loose/one.txt")]
    assert Path(docs[0].files[0].path).name == "one.txt"
