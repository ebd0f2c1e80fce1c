"""Memory on long crawls: glibc's malloc is tuned (arenas capped, free pages handed back on a
timer); elsewhere the extension switches itself off."""

from __future__ import annotations

import platform

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from newscrawler import settings as project
from newscrawler.extensions.memory import MallocTuning

glibc = pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's malloc only")


def test_the_extension_is_on_by_default():
    assert "newscrawler.extensions.memory.MallocTuning" in project.EXTENSIONS
    assert project.NEWSCRAWLER_MALLOC_ARENAS > 0 and project.NEWSCRAWLER_MALLOC_TRIM_INTERVAL > 0


@glibc
def test_free_pages_are_handed_back_on_a_timer_while_the_spider_runs():
    crawler = get_crawler(
        settings_dict={"NEWSCRAWLER_MALLOC_ARENAS": 2, "NEWSCRAWLER_MALLOC_TRIM_INTERVAL": 30}
    )
    extension = MallocTuning.from_crawler(crawler)
    extension.trim()
    assert extension.trims == 1
    extension.spider_opened()
    assert extension._loop is not None and extension._loop.running
    extension.spider_closed()
    assert not extension._loop.running


def test_elsewhere_than_glibc_it_switches_itself_off(monkeypatch):
    monkeypatch.setattr("newscrawler.extensions.memory._glibc", lambda: None)
    with pytest.raises(NotConfigured):
        MallocTuning.from_crawler(get_crawler())
