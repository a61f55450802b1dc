# Shared by run.sh and test.sh: install missing Debian packages (as root, apt-get update first).

# The PDF reports (ADR 10): TrueType faces Chromium embeds as CID fonts (Liberation for Latin, 文鼎简报宋/明体
# for 宋体, 文泉驿微米黑/正黑 for 黑体; listed in ReportCss.FontPackages) and qpdf, which joins a long ledger's
# parts and lays the page numbers over them.
REPORT_PACKAGES="fonts-liberation2 fonts-arphic-gbsn00lp fonts-arphic-uming fonts-wqy-microhei fonts-wqy-zenhei qpdf"
# The tests open the ledger .xlsx and the bulletin .docx in a real office suite (LibreOffice headless) and
# read the converted result back.
OFFICE_TEST_PACKAGES="libreoffice-calc libreoffice-writer"
ensure_debian_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "缺少 Debian 软件包:${missing[*]}。请以 root 身份运行,或先执行:sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "正在安装 Debian 软件包:${missing[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "未找到 .NET SDK(dotnet)。请先安装 .NET SDK 10。" >&2
    exit 1
  fi
  # Local tools (.config/dotnet-tools.json): dotnet-ef for migrations (docs/adr/0005).
  dotnet tool restore >/dev/null
}
