"""The page's one stylesheet: screen, narrow screens (phones) and print (Letter and A4).

Text is #1a1a1a on white (16:1); the muted grey #595959 is 7:1; status colours are dark enough for
AA on their pale backgrounds, and every status is also written out in words.
"""

CSS = """
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1a1a1a;background:#fff;overflow-wrap:break-word}
header,main,footer{max-width:1100px;margin:0 auto;padding:0 24px}
header{padding-top:20px}
h1{font-size:1.7rem;margin:0 0 .3rem}
h2{font-size:1.4rem;margin:0 0 .2rem;overflow-wrap:anywhere}
h3{font-size:1.05rem;margin:1.4rem 0 .4rem}
a{color:#1f5fa8}
.muted,.meta{color:#595959}
.meta{margin:0 0 .8rem;overflow-wrap:break-word}
.meta span{white-space:nowrap}
nav ol{padding-left:1.4rem;columns:2 18rem}
nav li{overflow-wrap:anywhere}
.contest{border-top:3px solid #1a1a1a;padding:1.2rem 0 1.6rem;margin-top:1.2rem}
.verdict{font-size:1.15rem;margin:.6rem 0 1rem;padding:.7rem .9rem;border-left:6px solid #1a1a1a;background:#f3f3f3;overflow-wrap:anywhere}
.verdict strong{display:block;font-size:.85rem;letter-spacing:.06em;text-transform:uppercase}
.verdict-leading{border:3px dashed #8a4b00;border-left:8px solid #8a4b00;background:#fff4e0}
.verdict-leading strong{color:#7a3f00}
.verdict-runoff,.verdict-tie{border-left-color:#7b1fa2;background:#f6eefa}
.verdict-pass,.verdict-winner,.verdict-advance{border-left-color:#2e7d32;background:#edf6ee}
.verdict-fail{border-left-color:#c62828;background:#fbeeee}
.reporting{font-weight:600}
figure{margin:0 0 1rem}
figcaption{font-weight:600;margin-bottom:.4rem}
.bars ol{list-style:none;margin:0;padding:0}
.bars li{margin:0 0 .55rem}
.bar-label{overflow-wrap:anywhere}
.bar-track{position:relative;height:1.3rem;background:#ececec;border:1px solid #767676}
.bar{height:100%;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.bar-value{font-variant-numeric:tabular-nums;color:#333}
.threshold{position:absolute;top:-4px;bottom:-4px;border-left:3px dashed #1a1a1a}
.threshold-note{margin:.2rem 0;color:#333}
.threshold-key{display:inline-block;width:0;height:1em;border-left:3px dashed #1a1a1a;vertical-align:middle;margin-right:.3rem}
.party{color:#595959}
.status{display:inline-block;font-size:.78rem;font-weight:600;text-transform:uppercase;letter-spacing:.04em;padding:0 .35em;border:1px solid currentColor;border-radius:3px;margin-left:.3em}
.status-elected,.status-advances{color:#1b5e20}
.status-leading{color:#7a3f00}
.status-tied{color:#6a1b9a}
.status-eliminated,.status-defeated,.status-trailing{color:#595959}
dl.margins{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0 0 1rem}
dl.margins dt{font-weight:600}
dl.margins dd{margin:0;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto;max-width:100%;margin:0 0 1rem}
table{border-collapse:collapse;font-variant-numeric:tabular-nums;margin:0}
caption{text-align:left;font-weight:600;padding:.3rem 0;caption-side:top}
th,td{padding:.3rem .6rem;border-bottom:1px solid #c4c4c4;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid #1a1a1a}
.num{text-align:right;white-space:nowrap}
tr.summary th,tr.summary td{background:#f3f3f3}
svg{display:block;font:12px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:#1a1a1a}
svg .head{font-weight:700}
svg .name{text-anchor:end}
svg .key{fill:#595959}
svg .halo{paint-order:stroke;stroke:#fff;stroke-width:3px}
svg .flow{opacity:.42}
svg .threshold-line{stroke:#1a1a1a;stroke-width:1.5;stroke-dasharray:4 3}
.chart{overflow-x:auto;max-width:100%;margin:0 0 1rem;border:1px solid #e0e0e0;padding:.4rem}
.notes{padding-left:1.2rem;overflow-wrap:anywhere}
footer{border-top:1px solid #767676;margin-top:2rem;padding-bottom:2rem;font-size:.9rem}
footer code{overflow-wrap:anywhere;word-break:break-all;font-size:.85rem}
@media (max-width:600px){
 header,main,footer{padding:0 12px}
 header{padding-top:12px}
 h1{font-size:1.35rem}
 h2{font-size:1.2rem}
 .verdict{font-size:1.02rem}
 table{font-size:.88rem}
 th,td{padding:.25rem .35rem}
 dl.margins{grid-template-columns:1fr}
 dl.margins dd{margin-bottom:.3rem}
 .inputs td:first-child{max-width:9rem;overflow-wrap:anywhere}
}
@page{size:auto;margin:15mm 12mm}
@media print{
 body{font-size:10.5pt}
 header,main,footer{max-width:none;padding:0}
 nav{display:none}
 .contest{break-before:page;border-top:none;padding-top:0}
 .contest:first-of-type{break-before:auto}
 .verdict,figure,tr,.chart svg{break-inside:avoid}
 .scroll,.chart{overflow:visible;border:none}
 .chart svg{max-width:100%;height:auto}
 a{color:inherit;text-decoration:none}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 table{font-size:8.5pt}
 th,td{padding:.15rem .3rem}
 .num{white-space:normal}
 td .status{display:block;width:max-content;margin:0 0 0 auto}
 .status{font-size:6.5pt}
}
"""
