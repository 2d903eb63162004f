/* The article form's language columns: side by side on a wide screen; on a
   narrow one (the style sheet's breakpoint) one column at a time, behind a
   tab per language. A column with an error opens first. */
'use strict';
{
    function setUp(container) {
        const tabs = Array.from(container.querySelectorAll(':scope > .language-tabs > [role="tab"]'));
        const columns = tabs.map((tab) => document.getElementById(tab.getAttribute('aria-controls')));

        function select(index, focus) {
            tabs.forEach((tab, i) => {
                const selected = i === index;
                tab.setAttribute('aria-selected', String(selected));
                tab.tabIndex = selected ? 0 : -1;
                columns[i].classList.toggle('is-active', selected);
            });
            if (focus) {
                tabs[index].focus();
            }
        }

        tabs.forEach((tab, i) => {
            tab.addEventListener('click', () => select(i, false));
            tab.addEventListener('keydown', (event) => {
                const step = {ArrowRight: 1, ArrowLeft: -1}[event.key];
                if (step) {
                    event.preventDefault();
                    select((i + step + tabs.length) % tabs.length, true);
                }
            });
        });
        const withError = columns.findIndex((column) => column.querySelector('.errorlist'));
        select(Math.max(withError, 0), false);
        container.classList.add('has-tabs');
    }

    function start() {
        document.querySelectorAll('.language-columns').forEach(setUp);
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
}
