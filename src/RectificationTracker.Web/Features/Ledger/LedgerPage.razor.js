// The ledger page's browser side: the remembered column choice and file downloads with progress.
const columnsKey = "rt.ledger.columns";

export function loadColumns() {
    try { return localStorage.getItem(columnsKey); } catch { return null; }
}

export function saveColumns(value) {
    try { localStorage.setItem(columnsKey, value); } catch { /* private mode: not remembered */ }
}

// Fetches a report and hands it to the browser as a download. Returns null when done, otherwise a
// Chinese message the page shows. The page stays usable meanwhile (the circuit only awaits this call).
export async function download(url) {
    let response;
    try {
        response = await fetch(url, { credentials: "same-origin" });
    } catch {
        return "网络中断,文件未能下载,请重试。";
    }
    if (!response.ok) {
        const text = (response.headers.get("content-type") || "").startsWith("text/") ? (await response.text()).slice(0, 200) : "";
        return text || `生成文件失败(${response.status}),请稍后重试。`;
    }
    const blob = await response.blob();
    const name = fileName(response.headers.get("content-disposition")) || "下载文件";
    const href = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = href;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 60000);
    return null;
}

function fileName(disposition) {
    if (!disposition) return null;
    const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    if (star) { try { return decodeURIComponent(star[1]); } catch { /* fall through */ } }
    const plain = /filename="?([^";]+)"?/i.exec(disposition);
    return plain ? plain[1] : null;
}
