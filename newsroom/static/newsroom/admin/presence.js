/* Who else has this article's form open (desk.presence): a heartbeat now and
   every few seconds while the form is open, whose answer updates the notice
   the server rendered; closing the page says goodbye. */
'use strict';
{
    function start() {
        const notice = document.getElementById('presence-notice');
        const token = document.querySelector('input[name="csrfmiddlewaretoken"]');
        if (!notice || !token) {
            return;
        }
        const url = notice.dataset.url;
        const every = (parseInt(notice.dataset.interval, 10) || 20) * 1000;

        function show(messages) {
            notice.replaceChildren(...messages.map((text) => {
                const line = document.createElement('p');
                line.textContent = text;
                return line;
            }));
            notice.hidden = messages.length === 0;
        }

        function beat() {
            fetch(url, {
                method: 'POST',
                credentials: 'same-origin',
                headers: {'X-CSRFToken': token.value},
            })
                .then((response) => (response.ok ? response.json() : null))
                .then((answer) => {
                    if (answer) {
                        show(answer.messages);
                    }
                })
                .catch(() => {});  // offline for a moment: the next heartbeat tries again
        }

        beat();
        window.setInterval(beat, every);
        window.addEventListener('pagehide', () => {
            const body = new FormData();
            body.append('csrfmiddlewaretoken', token.value);
            body.append('leave', '1');
            navigator.sendBeacon(url, body);
        });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
}
