"""One date and number format per language, the same on the server (templates, forms, the
admin) and in the browser (static/js/dashboards.js formats with Intl in the same shape).

Django's own formats give each language several shapes on one site ("Oct. 18, 2024" beside
"10/18/2024 3:26 a.m."); these replace the short ones by the long ones and give times a
24-hour clock. Anything not set here (input formats, separators) stays Django's.
"""
