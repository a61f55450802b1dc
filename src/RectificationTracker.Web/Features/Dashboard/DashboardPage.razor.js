// The dashboard's bars drill down like the links beside them: a click on a bar opens the ledger filtered to that bar.
//
// MudChart 9 tells the server only which series was clicked, not which category. It draws one
// <path class="mud-chart-bar"> per value inside <g class="mud-charts-bar-series">, series after series, each series
// in label order, zero values included (as zero-length paths). The page renders, on the element around each chart,
// data-drill: JSON, one list per series of ledger addresses in label order (null = that bar has no drill-down), and
// data-drill-titles: the same shape with the Chinese tooltip of each bar. Bars are not focusable; keyboard and
// screen-reader users have the link rows and the ranking table, which open the same addresses.

const svgNs = "http://www.w3.org/2000/svg";

/** The bar under an event target and its drill-down, or null when the target is no drillable chart's bar. */
function locate(target) {
    const bar = target instanceof Element ? target.closest("path.mud-chart-bar") : null;
    const host = bar?.closest("[data-drill]");
    if (!bar || !host || !bar.parentElement) {
        return null;
    }

    let urls;
    let titles;
    try {
        urls = JSON.parse(host.getAttribute("data-drill") ?? "[]");
        titles = JSON.parse(host.getAttribute("data-drill-titles") ?? "[]");
    } catch {
        return null;
    }

    const categories = urls[0]?.length ?? 0;
    const bars = Array.from(bar.parentElement.children).filter(e => e.matches("path.mud-chart-bar"));
    if (categories === 0 || bars.length !== categories * urls.length) {
        return null; // drawn from other figures than the addresses describe: better no drill-down than a wrong one
    }

    const index = bars.indexOf(bar);
    const series = Math.floor(index / categories);
    const category = index % categories;
    return { bar, url: urls[series]?.[category] ?? null, title: titles[series]?.[category] ?? null };
}

function onClick(e) {
    if (e.button !== 0) {
        return;
    }

    const hit = locate(e.target);
    if (!hit?.url) {
        return;
    }

    e.preventDefault();
    if (e.ctrlKey || e.metaKey || e.shiftKey) {
        window.open(hit.url, "_blank", "noopener"); // as a link would
    } else {
        Blazor.navigateTo(hit.url); // the router's navigation: the circuit stays
    }
}

/** On hover: a pointer over bars that drill down, and the bar's Chinese tooltip as its SVG title. */
function onOver(e) {
    const hit = locate(e.target);
    if (!hit) {
        return;
    }

    hit.bar.style.cursor = hit.url ? "pointer" : "";
    let title = Array.from(hit.bar.children).find(c => c.localName === "title");
    if (!hit.title) {
        title?.remove();
        return;
    }

    if (!title) {
        title = document.createElementNS(svgNs, "title");
        hit.bar.appendChild(title);
    }

    title.textContent = hit.title;
}

export function attach(root) {
    root?.addEventListener("click", onClick);
    root?.addEventListener("pointerover", onOver);
    root?.setAttribute("data-drill-ready", ""); // the bars answer the mouse from now on
}

export function detach(root) {
    root?.removeEventListener("click", onClick);
    root?.removeEventListener("pointerover", onOver);
    root?.removeAttribute("data-drill-ready");
}
