# Shared by scripts/run.sh and scripts/test.sh (sourced, not run).

# ensure_debian_packages PACKAGE... — install the Debian packages the app needs when they are missing.
# Installs with apt-get as root; otherwise names the packages and fails.
ensure_debian_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        return 0
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "Missing system packages: ${missing[*]} (and no apt-get on this machine)." >&2
        echo "缺少系统软件包:${missing[*]}。请用本机的包管理器安装后重试。" >&2
        return 1
    fi
    if [ "$(id -u)" -ne 0 ]; then
        echo "Missing system packages: ${missing[*]}. Install them as root, then run this again:" >&2
        echo "缺少系统软件包:${missing[*]}。请以 root 身份安装后重试:" >&2
        echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
        return 1
    fi
    echo "Installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends "${missing[@]}"
}

ensure_dotnet() {
    if ! command -v dotnet >/dev/null 2>&1; then
        echo "The .NET SDK (dotnet) is not on PATH; install the .NET SDK first." >&2
        echo "未找到 .NET SDK(dotnet 命令),请先安装 .NET SDK。" >&2
        return 1
    fi
}
