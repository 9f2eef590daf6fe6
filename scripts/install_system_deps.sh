#!/usr/bin/env bash
# Installs what the tests need outside Python: Chromium, Noto CJK fonts and
# Liberation Serif (the fonts tests/fontconfig/fonts.conf shows LibreOffice),
# LibreOffice Writer (renders the Word template), poppler (pdftotext) and
# nginx (serves the README's deployment snippet).
set -euo pipefail

missing=()
command -v chromium >/dev/null || missing+=(chromium)
[ -f /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc ] || missing+=(fonts-noto-cjk)
[ -f /usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf ] || missing+=(fonts-liberation)
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing+=(nginx-light)
[ ${#missing[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null && [ "$(id -u)" -eq 0 ]; then
  echo "安装测试所需的系统软件包：${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif command -v apt-get >/dev/null; then
  echo "缺少系统软件包：${missing[*]}。请以 root 运行：sudo apt-get install ${missing[*]}" >&2
  exit 1
else
  echo "缺少：${missing[*]}。本项目的测试在 Debian/Ubuntu 上自动安装它们；" >&2
  echo "其他系统请手动安装 Chromium（/usr/bin/chromium）、Noto CJK 字体、Liberation 字体、LibreOffice、poppler 和 nginx。" >&2
  exit 1
fi
