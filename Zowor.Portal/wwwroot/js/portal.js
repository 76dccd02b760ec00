// Live countdowns: every element with data-deadline (ISO UTC) shows the time left and turns
// warning/overdue by itself, so the queue ticks in the browser without a server round trip per row.
(function () {
    // The units come from the page in the reader's language (App.razor): "{0} h" in English, "{0} ч" in Russian.
    function unit(name, value) {
        const template = document.documentElement.getAttribute('data-unit-' + name) || ('{0} ' + name);
        return template.replace('{0}', String(value));
    }
    function format(ms) {
        const overdue = ms < 0;
        let s = Math.floor(Math.abs(ms) / 1000);
        const d = Math.floor(s / 86400); s -= d * 86400;
        const h = Math.floor(s / 3600); s -= h * 3600;
        const m = Math.floor(s / 60);
        const text = d > 0 ? unit('d', d) + (h > 0 ? ' ' + unit('h', h) : '')
            : h > 0 ? unit('h', h) + (m > 0 ? ' ' + unit('min', m) : '')
            : unit('min', m);
        return { text, overdue };
    }
    function tick() {
        const now = Date.now();
        document.querySelectorAll('[data-deadline]').forEach(el => {
            const due = Date.parse(el.getAttribute('data-deadline'));
            if (isNaN(due)) return;
            const warnMs = Number(el.getAttribute('data-warn-ms') || '0');
            const left = due - now;
            const { text, overdue } = format(left);
            const label = overdue ? (el.getAttribute('data-overdue-label') || 'overdue') + ' ' + text : text;
            if (el.textContent !== label) el.textContent = label;
            el.classList.toggle('deadline-overdue', overdue);
            el.classList.toggle('deadline-warning', !overdue && left < warnMs);
        });
    }
    setInterval(tick, 1000);
    window.zoworTick = tick;
    // At once, and on the next frame whenever the page changes (the circuit's first render replaces the prerendered rows,
    // a live update adds one): a countdown does not show its server text, the deadline's date, until the next second.
    tick();
    let scheduled = false;
    new MutationObserver(() => {
        if (scheduled) return;
        scheduled = true;
        requestAnimationFrame(() => { scheduled = false; tick(); });
    }).observe(document.body, { childList: true, subtree: true });
})();

// Print buttons (data-print): the Content Security Policy allows no inline onclick handlers.
document.addEventListener('click', e => {
    if (e.target instanceof Element && e.target.closest('[data-print]')) window.print();
});

// The app bar's "More" menu on a phone signs out through the bar's own sign-out form (a POST with its antiforgery token).
window.zoworSubmitForm = id => document.getElementById(id)?.requestSubmit();

// Escape closes a menu opened with the mouse, and the focus goes back to its button (the WAI-ARIA menu button pattern;
// WCAG 2.1.1). A MudMenu that moves the focus to its first item closes on Escape itself; the first time a LazyMenu opens
// by a click, its MudMenu opens from .NET and the focus stays on its button, outside the list where MudMenu listens, so
// the menu stayed open until a click elsewhere. The button toggles the menu: pressing it closes the menu as MudMenu's
// own Escape would.
document.addEventListener('keydown', e => {
    if (e.key !== 'Escape' || e.defaultPrevented || document.activeElement?.closest('.mud-popover-open')) return;
    const button = document.querySelector('.mud-menu button[aria-haspopup=menu][aria-expanded=true]');
    if (!button) return;
    button.click();
    button.focus();
});

// A LazyMenu opened from the keyboard (Components/Shared/LazyMenu, issue 21): its MudMenu has just replaced the plain
// button, so the press goes again to MudMenu's own button as the keyboard gives it, Enter and then the click it causes,
// and MudBlazor opens the menu the keyboard way (the first item focused, the arrow keys, Escape back to the button).
// Opened by a click, its MudMenu's button takes the focus the replaced button had.
window.zoworFocusMenuButton = host => host?.querySelector('button')?.focus();

window.zoworOpenMenuByKeyboard = host => {
    const button = host?.querySelector('button');
    if (button) {
        button.focus();
        button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true }));
        button.click();
    }
};

// The staff layout's drawer (MainLayout, issue 21: MudDrawer's markup without its per-circuit viewport subscription):
// when the window crosses MudBlazor's md breakpoint, the drawer closes below it and opens above it, as MudDrawer's did,
// by pressing the menu button of the new width (the circuit keeps the drawer's state).
(function () {
    const wide = window.matchMedia('(min-width: 960px)');
    wide.addEventListener('change', e => {
        const drawer = document.querySelector('[data-drawer]');
        if (!drawer) return;
        const shown = drawer.classList.contains('mud-drawer--open') && !drawer.classList.contains('mud-drawer--initial');
        if (e.matches ? drawer.classList.contains('mud-drawer--closed') : shown) {
            document.querySelector(e.matches ? '[data-drawer-toggle=wide]' : '[data-drawer-toggle=narrow]')?.click();
        }
    });
})();
