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

// Idle circuits (issue 21). A live queue or board left untouched for Portal:IdlePauseSeconds (App.razor's
// data-idle-pause-seconds) hands its circuit back to the server: Blazor's pause sends the circuit's state to this page
// and frees it there. Until the next touch the page stays live without one: a WebSocket (Realtime/IdlePageEvents)
// says when something it shows changed, and the page fetches itself, as a reload would, and
// puts the fresh regions (data-idle-refresh: the list, the navigation's badges, the bell) in place. The first touch
// (the pointer moving, a key, a tap) resumes the circuit; a click made before it is back is held and made again on the
// same control once it is, and the focus and the scroll position stay where they were. Pages pause only where they say
// they may (data-idle-pause="true": nothing selected or opened), never with a menu or dialog open or a field being typed
// in. The state is on <html data-circuit>: active, pausing, paused or resuming; while paused, data-idle-stream says
// whether that socket is open and data-idle-refreshes counts the refreshes.
(function () {
    const root = document.documentElement;
    const activity = ['pointermove', 'pointerdown', 'keydown', 'wheel', 'touchstart', 'focusin'];
    let state = 'active';
    let lastInput = Date.now();
    let events = null;
    let heldClick = null;
    let heldInput = null;
    let resumeWhenPaused = false;
    let resumeNotBefore = 0;
    let refreshing = false;
    let refreshAgain = false;
    let refreshes = 0;
    let restoring = false;
    // At most one fetch a second: under a flow of changes each paused page costs the server one page a second at most.
    let nextRefresh = 0;
    let refreshTimer = 0;

    function setState(next) {
        state = next;
        root.setAttribute('data-circuit', next);
    }

    function idleMs() {
        return Number(root.getAttribute('data-idle-pause-seconds') || '0') * 1000;
    }

    const textField = 'input:not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit]), textarea, [contenteditable=true]';

    function mayPause() {
        const marks = [...document.querySelectorAll('[data-idle-pause]')];
        const focused = document.activeElement;
        return marks.length > 0 && marks.every(m => m.getAttribute('data-idle-pause') === 'true')
            && document.querySelector('[data-interactive=true]')
            && !document.querySelector('.mud-popover-open, .mud-dialog-container')
            && !(focused && focused.matches(textField));
    }

    // A control found again in the page Blazor renders when the circuit resumes (or in a refreshed region): by its id,
    // else by what it says and where it leads, the nth of those that match.
    function locate(element) {
        if (!(element instanceof Element) || element === document.body) return null;
        const target = element.closest('a, button, input, select, textarea, label, [tabindex], tr, [data-testid]') || element;
        // Inside a complaint's row, within that row: rows move when complaints come and go.
        const row = target.tagName === 'TR' ? null : target.closest('tr');
        const link = row?.querySelector('a[href]');
        const selector = (link ? `tr:has(a[href="${CSS.escape(link.getAttribute('href'))}"]) ` : '') + describe(target);
        const index = [...document.querySelectorAll(selector)].indexOf(target);
        return index < 0 ? null : { selector, index };
    }

    function describe(element) {
        if (element.id) return '#' + CSS.escape(element.id);
        let selector = element.tagName.toLowerCase();
        for (const name of ['data-testid', 'href', 'aria-label', 'name', 'type', 'value']) {
            const value = element.getAttribute(name);
            if (value !== null) selector += `[${name}="${CSS.escape(value)}"]`;
        }
        // A table row says nothing of itself: it is the row of the complaint it links to.
        const link = selector === 'tr' ? element.querySelector('a[href]') : null;
        return link ? `tr:has(a[href="${CSS.escape(link.getAttribute('href'))}"])` : selector;
    }

    function find(spot) {
        return spot ? document.querySelectorAll(spot.selector)[spot.index] || null : null;
    }

    // Focus put back by this script is not a touch: it must not resume the circuit it just refreshed without.
    function refocus(spot) {
        restoring = true;
        try {
            find(spot)?.focus({ preventScroll: true });
        } finally {
            restoring = false;
        }
    }

    async function pause() {
        setState('pausing');
        let paused = false;
        try {
            paused = await Blazor.pauseCircuit();
        } catch {
            paused = false;
        }

        if (!paused) {
            // Still live: what was held while it tried is done now.
            setState('active');
            lastInput = Date.now();
            resumeWhenPaused = false;
            replayHeld();
            return;
        }

        setState('paused');
        listen();
        if (resumeWhenPaused) resume();
    }

    // The socket that says when to refresh (Realtime/IdlePageEvents); opened again a few seconds after it ends.
    function listen() {
        const url = new URL('hubs/live', document.baseURI);
        url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
        const list = document.querySelector('[data-live-levels]');
        const levels = list?.getAttribute('data-live-levels') || '';
        if (levels) url.searchParams.set('levels', levels);
        // The node's event count when the rows were read: nothing since, no fetch.
        url.searchParams.set('since', list?.getAttribute('data-live-since') || '');
        const socket = new WebSocket(url);
        let opened = false;
        events = socket;
        root.setAttribute('data-idle-stream', 'connecting');
        socket.onopen = () => {
            opened = true;
            root.setAttribute('data-idle-stream', 'open');
        };
        socket.onmessage = () => refreshSoon();
        socket.onclose = () => {
            if (events !== socket) return;
            events = null;
            root.setAttribute('data-idle-stream', 'closed');
            // Refused (signed out, the account locked) or the server away: the page's own request says where to go.
            if (!opened) refresh();
            setTimeout(() => {
                if (state === 'paused' && !events) listen();
            }, 2000 + Math.random() * 3000);
        };
    }

    function refreshSoon() {
        const wait = nextRefresh - Date.now();
        if (wait <= 0) {
            refresh();
        } else if (!refreshTimer) {
            refreshTimer = setTimeout(() => {
                refreshTimer = 0;
                if (state === 'paused') refresh();
            }, wait);
        }
    }

    async function refresh() {
        if (refreshing) {
            refreshAgain = true;
            return;
        }

        refreshing = true;
        nextRefresh = Date.now() + 1000;
        try {
            const response = await fetch(location.href, { credentials: 'same-origin', cache: 'no-store' });
            if (state !== 'paused') return;
            if (response.redirected || response.status === 401 || response.status === 403 || response.status === 404) {
                // Signed out, no longer allowed, or the page is gone: the browser shows where to go.
                location.reload();
                return;
            }

            if (!response.ok) {
                // The server is away (a restart behind the proxy): keep the page, try again shortly.
                setTimeout(() => {
                    if (state === 'paused') refreshSoon();
                }, 5000);
                return;
            }

            const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
            if (state !== 'paused') return;
            const focus = locate(document.activeElement);
            for (const region of document.querySelectorAll('[data-idle-refresh]')) {
                const replacement = fresh.querySelector(`[data-idle-refresh="${region.getAttribute('data-idle-refresh')}"]`);
                if (!replacement) continue;
                if (replacement.innerHTML !== region.innerHTML) region.innerHTML = replacement.innerHTML;
                const since = replacement.getAttribute('data-live-since');
                if (since !== null) region.setAttribute('data-live-since', since);
            }

            if (focus && document.activeElement === document.body) refocus(focus);
            root.setAttribute('data-idle-refreshes', String(++refreshes));
        } catch {
            // The server is away: the next change, or the next touch, tries again.
        } finally {
            refreshing = false;
            if (refreshAgain) {
                refreshAgain = false;
                if (state === 'paused') refreshSoon();
            }
        }
    }

    async function resume() {
        if (state === 'pausing') {
            resumeWhenPaused = true;
            return;
        }

        if (state !== 'paused' || Date.now() < resumeNotBefore) return;
        resumeWhenPaused = false;
        setState('resuming');
        events?.close();
        events = null;
        root.removeAttribute('data-idle-stream');
        const focus = locate(document.activeElement);
        const scroll = window.scrollY;
        // The page Blazor renders for the resumed circuit replaces this one; these marks tell the old from the new.
        document.querySelectorAll('[data-interactive]').forEach(e => e.setAttribute('data-stale', ''));
        let resumed;
        try {
            resumed = await Blazor.resumeCircuit();
        } catch {
            // The server did not answer (a restart): still paused; a touch from three seconds on tries again.
            document.querySelectorAll('[data-stale]').forEach(e => e.removeAttribute('data-stale'));
            resumeNotBefore = Date.now() + 3000;
            setState('paused');
            listen();
            return;
        }

        if (!resumed) {
            // The saved state is gone (a long absence, a new deployment): a fresh page, as Blazor's own resume does.
            location.reload();
            return;
        }

        await rendered();
        lastInput = Date.now();
        setState('active');
        if (window.scrollY !== scroll) window.scrollTo(window.scrollX, scroll);
        refocus(focus);
        replayHeld();
    }

    // What the user did while there was no circuit, done again on the page the circuit renders: text typed or a choice
    // made in a field (its value put back and announced to Blazor), and the click (a field is focused, not clicked).
    function replayHeld() {
        const input = heldInput ? find(heldInput.spot) : null;
        const clicked = find(heldClick);
        const value = heldInput?.value;
        heldInput = null;
        heldClick = null;
        if (input) {
            input.value = value;
            input.focus();
            input.dispatchEvent(new Event('input', { bubbles: true }));
            input.dispatchEvent(new Event('change', { bubbles: true }));
        }

        if (clicked && clicked !== input) {
            if (clicked.matches(textField + ', select')) clicked.focus();
            else clicked.click();
        }
    }

    // The resumed page is there once its layout is interactive and its list has its rows (data-loaded).
    function rendered() {
        return new Promise(resolve => {
            const started = Date.now();
            (function check() {
                const ready = document.querySelector('[data-interactive=true]:not([data-stale])') && !document.querySelector('[data-loaded=false]');
                if (ready || Date.now() - started > 5000) resolve();
                else requestAnimationFrame(check);
            })();
        });
    }

    activity.forEach(type => window.addEventListener(type, () => {
        if (restoring) return;
        lastInput = Date.now();
        if (state === 'paused' || state === 'pausing') resume();
    }, { capture: true, passive: true }));

    // Typed or chosen while there is no circuit: kept for the resumed page, and not passed to Blazor, whose handlers
    // belong to the circuit that is gone.
    ['input', 'change'].forEach(type => window.addEventListener(type, e => {
        if (state === 'active' || !e.isTrusted || !(e.target instanceof Element) || !e.target.matches('input, select, textarea')) return;
        e.stopImmediatePropagation();
        heldInput = { spot: locate(e.target), value: e.target.value };
    }, true));

    // The browser's back and forward buttons change the address without a touch on the page: the resumed circuit renders
    // the page of the new address.
    window.addEventListener('popstate', () => {
        if (state === 'paused' || state === 'pausing') resume();
    });

    // Without a circuit a click would reach nothing (Blazor's handlers, its navigation): held, and made again on resume.
    window.addEventListener('click', e => {
        if (state === 'active' || !e.isTrusted) return;
        // A link opened in another tab or window goes as the browser takes it; this page resumes all the same.
        if ((e.ctrlKey || e.metaKey || e.shiftKey) && e.target instanceof Element && e.target.closest('a[href]')) {
            resume();
            return;
        }

        e.preventDefault();
        e.stopImmediatePropagation();
        heldClick = locate(e.target);
        resume();
    }, true);

    setInterval(() => {
        const ms = idleMs();
        if (state === 'active' && ms > 0 && Date.now() - lastInput >= ms && window.Blazor && mayPause()) pause();
    }, 1000);
    setState('active');
})();
