/* Progressive enhancement only: every link works without this file. */
'use strict';
document.addEventListener('click', (event) => {
    const link = event.target.closest('a.copy-link');
    if (!link || !navigator.clipboard) {
        return;
    }
    event.preventDefault();
    navigator.clipboard.writeText(link.href).then(() => {
        const label = link.textContent;
        link.textContent = link.dataset.copied || label;
        setTimeout(() => { link.textContent = label; }, 2000);
    });
});

/*
 * The read beacon: an element with data-read-url (an article page) is reported
 * once as seen, so that the page itself can be the same cached page for
 * everyone. Not while the page is prerendered or opened in a background tab:
 * only once it is visible.
 */
(() => {
    const seen = document.querySelector('[data-read-url]');
    if (!seen || !navigator.sendBeacon) {
        return;
    }
    let sent = false;
    const send = () => {
        if (sent || document.prerendering || document.visibilityState !== 'visible') {
            return;
        }
        sent = true;
        navigator.sendBeacon(seen.dataset.readUrl);
    };
    document.addEventListener('visibilitychange', send);
    document.addEventListener('prerenderingchange', send);
    send();
})();
