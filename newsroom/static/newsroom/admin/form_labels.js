/* Names for the form's boxes that their own scripts leave unnamed: the body
   editor's writing area and the autocomplete boxes (section, source, photos)
   take the text of their field's label, so that a screen reader announces
   what each one is for. They are made after the page loads, hence the observer. */
'use strict';
{
    function labelFor(id) {
        const label = id && document.querySelector(`label[for="${CSS.escape(id)}"]`);
        if (label && !label.id) {
            label.id = `${id}_label`;
        }
        return label;
    }

    function rowLabel(element) {
        const row = element.closest('.form-row');
        const label = row && row.querySelector('label');
        return label ? label.textContent.trim().replace(/:$/, '') : '';
    }

    function columnHeading(element) {
        const cell = element.closest('td');
        const column = cell && cell.className.match(/field-(\S+)/);
        const heading = column && cell.closest('table').querySelector(`th.column-${column[1]}`);
        return heading ? heading.textContent.trim() : '';
    }

    function name(root) {
        // A date and time: "Publication time, Date" and "Publication time, Time".
        root.querySelectorAll('p.datetime input:not([aria-label])').forEach((input) => {
            const before = input.previousSibling;
            const part = before && before.nodeType === Node.TEXT_NODE ? before.textContent.trim() : '';
            input.setAttribute('aria-label', [rowLabel(input), part.replace(/:$/, '')].filter(Boolean).join(', '));
        });
        // A photo inline's cells: named by their column's heading.
        root.querySelectorAll('.tabular td input:not([type="hidden"]):not([aria-label]), .tabular td select:not([aria-label])')
            .forEach((input) => {
                const heading = columnHeading(input);
                if (heading) {
                    input.setAttribute('aria-label', heading);
                }
            });
        const shownBoxes = '.select2-selection__rendered[role="textbox"]:not([aria-label]), .select2-search__field:not([aria-label])';
        root.querySelectorAll(shownBoxes).forEach((shown) => {
            const select = shown.closest('.select2').previousElementSibling;
            const label = labelFor(select && select.id);
            const text = label ? label.textContent.trim().replace(/:$/, '') : columnHeading(shown);
            if (text) {
                shown.setAttribute('aria-label', text);
            }
        });
        root.querySelectorAll('.form-row [contenteditable="true"]:not([aria-labelledby])').forEach((area) => {
            const field = area.closest('.form-row').querySelector('textarea, input');
            const label = labelFor(field && field.id);
            if (label) {
                area.setAttribute('aria-labelledby', label.id);
            }
        });
        root.querySelectorAll('.select2-selection[role="combobox"]:not([data-labelled])').forEach((box) => {
            const select = box.closest('.select2').previousElementSibling;
            const label = labelFor(select && select.id);
            const own = box.getAttribute('aria-labelledby');
            box.setAttribute('data-labelled', '');
            if (label) {
                box.setAttribute('aria-labelledby', own ? `${label.id} ${own}` : label.id);
            } else if (select && select.closest('td')) {
                // An inline's box: named by its column's heading.
                const column = select.closest('td').className.match(/field-(\S+)/);
                const heading = column && select.closest('table').querySelector(`th.column-${column[1]}`);
                if (heading) {
                    box.setAttribute('aria-label', heading.textContent.trim());
                }
            }
        });
    }

    function start() {
        const form = document.querySelector('#content-main form');
        if (!form) {
            return;
        }
        name(form);
        new MutationObserver(() => name(form)).observe(form, {childList: true, subtree: true});
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
}
