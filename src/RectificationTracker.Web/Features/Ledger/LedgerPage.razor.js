// The ledger page's browser side: the remembered column choice (downloads use the shared /js/download.js).
const columnsKey = "rt.ledger.columns";

export function loadColumns() {
    try { return localStorage.getItem(columnsKey); } catch { return null; }
}

export function saveColumns(value) {
    try { localStorage.setItem(columnsKey, value); } catch { /* private mode: not remembered */ }
}
