# Shared by run.sh and test.sh: install missing Debian packages (as root, apt-get update first).

# The PDF reports (ADR 14) are written by the app itself with the TrueType faces it embeds as CID subsets
# (Liberation for Latin, 文鼎简报宋/明体 for 宋体, 文泉驿微米黑/正黑 for 黑体) and Noto CJK (the bulletin's
# masthead, and the UI's Chinese in a browser); listed in DocumentFonts.Packages.
REPORT_PACKAGES="fonts-liberation2 fonts-arphic-gbsn00lp fonts-arphic-uming fonts-wqy-microhei fonts-wqy-zenhei fonts-noto-cjk"
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

# PostgreSQL for the server-database tests and the two-instance test (docs/adr/0012): install Debian's
# package if missing, start its cluster, and make sure role $1 (password = name, may create databases)
# exists. Prints nothing on success; the caller builds its connection strings from the role.
ensure_postgres() {
  local role="${1:-tracker_test}"
  if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
    ensure_debian_packages postgresql
  fi
  local cluster
  cluster="$(pg_lsclusters -h | head -n 1)"
  local version name status
  version="$(awk '{print $1}' <<<"$cluster")"; name="$(awk '{print $2}' <<<"$cluster")"; status="$(awk '{print $4}' <<<"$cluster")"
  if [ "$status" != "online" ]; then
    pg_ctlcluster "$version" "$name" start
  fi
  for _ in $(seq 1 30); do
    runuser -u postgres -- psql -qtAc "select 1" >/dev/null 2>&1 && break
    sleep 1
  done
  runuser -u postgres -- psql -qtAc "select 1 from pg_roles where rolname='$role'" | grep -q 1 \
    || runuser -u postgres -- psql -qc "create role $role login createdb password '$role'" >/dev/null
  PG_PORT="$(awk '{print $3}' <<<"$cluster")"
}
