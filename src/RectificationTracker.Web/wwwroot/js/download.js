// Downloads a report or workbook in the background (issue 12, fix 5): the page stays usable while the server
// builds the file, and the browser saves it under the server's file name when it is ready.
export async function download(url) {
    let response;
    try {
        response = await fetch(url, { credentials: 'same-origin' });
    } catch {
        return { ok: false, status: 0, message: '' };
    }

    if (!response.ok) {
        // The report endpoints answer errors with a small Chinese HTML page: pass its text on.
        let message = '';
        try {
            const html = await response.text();
            message = (new DOMParser().parseFromString(html, 'text/html').body.innerText || '').trim().slice(0, 300);
        } catch { /* no text */ }
        return { ok: false, status: response.status, message };
    }

    const blob = await response.blob();
    const name = fileName(response.headers.get('Content-Disposition')) || 'download';
    const href = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = href;
    a.download = name;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 60000);
    return { ok: true, status: response.status, message: name };
}

function fileName(disposition) {
    if (!disposition) {
        return null;
    }
    const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
    if (star) {
        try { return decodeURIComponent(star[1].trim().replace(/^"|"$/g, '')); } catch { /* fall through */ }
    }
    const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
    return plain ? plain[1].trim() : null;
}
