/* Slugs from Vietnamese titles: Django's URLify turns "đ" into "dj" (Serbian)
   and drops letters it has no map for ("ạ", "ầ"...). Fold Vietnamese first,
   the way the server's slugify_vi does: đ -> d, then strip the marks. */
'use strict';
{
    const djangoURLify = window.URLify;
    window.URLify = function(s, numChars, allowUnicode) {
        const folded = s
            .replace(/đ/g, 'd').replace(/Đ/g, 'D')
            .normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
        return djangoURLify(folded, numChars, allowUnicode);
    };
}
