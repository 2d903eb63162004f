/*
 * The read beacon: tells the server once that this article was seen, so that
 * the page itself can be the same cached page for everyone. Not while the page
 * is prerendered or opened in a background tab: only once it is visible.
 */
'use strict';
(() => {
    const article = document.querySelector('[data-read-url]');
    if (!article || !navigator.sendBeacon) {
        return;
    }
    let sent = false;
    const send = () => {
        if (sent || document.prerendering || document.visibilityState !== 'visible') {
            return;
        }
        sent = true;
        navigator.sendBeacon(article.dataset.readUrl);
    };
    document.addEventListener('visibilitychange', send);
    document.addEventListener('prerenderingchange', send);
    send();
})();
