"""What the crawl learns per site, in the SQLite state store: template blocks, URL shapes and
syndication marks."""

from __future__ import annotations

from collections.abc import Iterable

from newscrawler.state.sqlite.connection import SqliteConnection


class SqliteSiteMemory(SqliteConnection):
    """Tables `template_pages`, `template_blocks`, `url_shapes` and `syndication`."""

    def template_counts(self, site: str, min_pages: int = 1) -> dict[str, int]:
        with self._using() as db:
            rows = db.execute(
                "SELECT block, pages FROM template_blocks WHERE site = ? AND pages >= ?",
                (site, min_pages),
            ).fetchall()
        return dict(rows)

    def add_template_page(
        self, site: str, page: str, block_hashes: Iterable[str]
    ) -> dict[str, int]:
        blocks = sorted(set(block_hashes))
        counts: dict[str, int] = {}
        with self._using(transaction=True) as db:
            new = db.execute(
                "INSERT OR IGNORE INTO template_pages VALUES (?, ?)", (site, page)
            ).rowcount
            if new:
                for block in blocks:
                    (counts[block],) = db.execute(
                        "INSERT INTO template_blocks VALUES (?, ?, 1) "
                        "ON CONFLICT (site, block) DO UPDATE SET pages = pages + 1 "
                        "RETURNING pages",
                        (site, block),
                    ).fetchone()
        return counts

    def shape_counts(self, site: str) -> dict[str, tuple[int, int]]:
        with self._using() as db:
            rows = db.execute(
                "SELECT shape, articles, others FROM url_shapes WHERE site = ?", (site,)
            ).fetchall()
        return {shape: (articles, others) for shape, articles, others in rows}

    def add_shape_counts(self, site: str, counts: dict[str, tuple[int, int]]) -> None:
        if not counts:
            return
        with self._using(transaction=True) as db:
            db.executemany(
                "INSERT INTO url_shapes VALUES (?, ?, ?, ?) ON CONFLICT (site, shape) DO UPDATE"
                " SET articles = articles + excluded.articles, others = others + excluded.others",
                [(site, shape, a, o) for shape, (a, o) in counts.items()],
            )

    def add_syndication_marks(self, marks: Iterable[tuple[str, str, str]]) -> None:
        rows = list(marks)
        if not rows:
            return
        with self._using(transaction=True) as db:
            db.executemany("INSERT OR IGNORE INTO syndication VALUES (?, ?, ?)", rows)

    def syndication_counts(self, site: str, cap: int = 1000) -> dict[str, int]:
        counts = {}
        for kind in ("copy", "original", "named"):
            (counts[kind],) = self._one(
                "SELECT count(*) FROM (SELECT 1 FROM syndication "
                "WHERE site = ? AND kind = ? LIMIT ?)",
                (site, kind, cap),
            ) or (0,)
        return {kind: n for kind, n in counts.items() if n}

    def syndication_marked(self, site: str, kind: str, page: str) -> bool:
        return bool(
            self._one(
                "SELECT 1 FROM syndication WHERE site = ? AND kind = ? AND page = ?",
                (site, kind, page),
            )
        )
