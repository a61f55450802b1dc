// Buttons of the Chinese reconnect overlay (Components/Layout/ReconnectModal.razor). blazor.web.js sets the
// state classes on #components-reconnect-modal; this file only acts on clicks and on the rejected state.
(() => {
    const modal = document.getElementById("components-reconnect-modal");
    if (!modal) return;
    const retry = async () => {
        try {
            if (!(await Blazor.reconnect()) && !(await Blazor.resumeCircuit())) location.reload();
        } catch { location.reload(); }
    };
    const resume = async () => {
        try { if (!(await Blazor.resumeCircuit())) location.reload(); } catch { location.reload(); }
    };
    document.getElementById("rt-reconnect-retry")?.addEventListener("click", retry);
    document.getElementById("rt-reconnect-resume")?.addEventListener("click", resume);
    document.getElementById("rt-reconnect-reload")?.addEventListener("click", () => location.reload());
    modal.addEventListener("components-reconnect-state-changed", e => {
        if (e.detail?.state === "rejected") location.reload();
    });
})();
