"""The README's nginx snippet, run for real: the built site under /guide/."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request

import pytest

from conftest import ROOT, search

MIME_TYPES = "/etc/nginx/mime.types"


def readme_snippet() -> str:
    readme = (ROOT / "README.md").read_text("utf-8")
    (snippet,) = re.findall(r"```nginx\n(.*?)```", readme, re.S)
    return snippet


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nginx_url(site_dir, tmp_path_factory):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    work = tmp_path_factory.mktemp("nginx")
    www = work / "www" / "guide"
    shutil.copytree(site_dir, www)
    location = readme_snippet().replace("/srv/www/guide/", f"{www}/")
    assert f"{www}/" in location, "the README snippet no longer names /srv/www/guide/"
    port = free_port()
    temp = " ".join(f"{d}_temp_path {work};" for d in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # Workers read pytest's private temp dir: run them as the user we are.
    user = "user root;" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(f"""
{user}
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{}}
http {{
    include {MIME_TYPES};
    access_log off;
    {temp}
    server {{
        listen 127.0.0.1:{port};
{location}
    }}
}}
""", "utf-8")
    subprocess.run([nginx, "-c", str(work / "nginx.conf")], check=True)
    url = f"http://127.0.0.1:{port}/guide/"
    ready_by = time.monotonic() + 60   # a hang guard: nginx answers at once on a quiet machine
    while True:
        try:
            urllib.request.urlopen(url, timeout=10)
            break
        except OSError:
            if time.monotonic() > ready_by:
                raise
            time.sleep(0.1)
    yield url
    subprocess.run([nginx, "-c", str(work / "nginx.conf"), "-s", "stop"], check=False)


@pytest.mark.parametrize("path,content_type", [
    ("", "text/html; charset=utf-8"),
    ("sections/study/", "text/html; charset=utf-8"),
    ("assets/javascripts/guide.js", "application/javascript; charset=utf-8"),
    ("search/search_index.json", "application/json"),
    ("downloads/shuzhi-baogao-moban.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
])
def test_nginx_serves_with_the_right_types(nginx_url, site_dir, path, content_type):
    with urllib.request.urlopen(nginx_url + path) as response:
        assert response.headers["Content-Type"] == content_type
        body = response.read()
    built = site_dir / path / "index.html" if path.endswith("/") or not path else site_dir / path
    assert body == built.read_bytes()


def test_pages_search_and_download_through_nginx(browser, nginx_url, site_dir):
    context = browser.new_context(locale="zh-CN", accept_downloads=True)
    try:
        page = context.new_page()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(nginx_url + "sections/integrity/", wait_until="networkidle")
        assert search(page, "自律")[0].endswith("sections/integrity/")
        page.goto(nginx_url + "template/", wait_until="networkidle")
        with page.expect_download() as info:
            page.click("a.md-button[download]")
        assert info.value.suggested_filename.endswith(".docx")
        origin = nginx_url.split("/guide/")[0]
        assert [u for u in requests if not u.startswith(origin)] == []
    finally:
        context.close()
