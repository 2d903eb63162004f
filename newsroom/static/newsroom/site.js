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
