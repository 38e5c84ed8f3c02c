"""The offline results report (`electcli tally --format html`): one self-contained HTML document.

Built from the same contest records as the JSON output (present/records.py). Everything is inline
(CSS, SVG; no script, font or image), and a Content-Security-Policy forbids any request, so the page
opens from a USB stick on a machine that has never been online. Every name is escaped (markup.esc).
"""

from electcli.present.html.page import to_html

__all__ = ["to_html"]
