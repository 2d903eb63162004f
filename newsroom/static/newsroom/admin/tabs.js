/* The jQuery UI "tabs" subset django-modeltranslation's tabbed admin uses:
   $(el).tabs({active: n}) and $(el).tabs("option", "active", n).
   Shipped with the project so the admin loads nothing from a CDN. */
'use strict';
{
    const $ = window.django ? window.django.jQuery : window.jQuery;

    function activate(container, index) {
        const links = container.children('ul').find('> li > a');
        links.each(function(i) {
            const selected = i === index;
            const panel = container.children(this.getAttribute('href'));
            $(this).attr({'aria-selected': String(selected), tabindex: selected ? 0 : -1})
                .parent().toggleClass('ui-tabs-active ui-state-active', selected);
            panel.toggleClass('ui-tabs-hide', !selected).attr('aria-hidden', String(!selected));
        });
        container.data('tabs-active', index);
    }

    $.fn.tabs = function(options, key, value) {
        if (options === 'option') {
            if (value === undefined) {
                return this.first().data('tabs-active');
            }
            return this.each(function() { activate($(this), parseInt(value, 10) || 0); });
        }
        return this.each(function() {
            const container = $(this).addClass('ui-tabs ui-widget');
            const list = container.children('ul').addClass('ui-tabs-nav').attr('role', 'tablist');
            const links = list.find('> li > a');
            links.each(function(i) {
                const panelId = this.getAttribute('href').slice(1);
                $(this).attr({role: 'tab', 'aria-controls': panelId, id: panelId + '-tab'})
                    .parent().addClass('ui-state-default').attr('role', 'presentation');
                container.children('#' + panelId).addClass('ui-tabs-panel')
                    .attr({role: 'tabpanel', 'aria-labelledby': panelId + '-tab'});
                $(this).on('click', function(event) {
                    event.preventDefault();
                    activate(container, i);
                });
                $(this).on('keydown', function(event) {
                    const step = {ArrowRight: 1, ArrowLeft: -1}[event.key];
                    if (step) {
                        const next = (i + step + links.length) % links.length;
                        activate(container, next);
                        links.eq(next).trigger('focus');
                    }
                });
            });
            activate(container, (options && options.active) || 0);
        });
    };
}
