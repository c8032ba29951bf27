/**
 * The visitor pages' whole style sheet, inlined in each page: one request less on a weak
 * connection, and small enough (about 2 KB) that caching it apart would not pay.
 */
export const VISITOR_CSS = `
:root{--red:#9b111e;--deep:#5c0a12;--gold:#f2c14e;--ink:#1d1b1a;--paper:#fbf8f3;color-scheme:light}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--paper);color:var(--ink);font:17px/1.65 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif}
.bar{position:sticky;top:0;z-index:2;display:flex;align-items:center;justify-content:space-between;gap:12px;padding:10px 16px;background:linear-gradient(90deg,var(--deep),var(--red));color:#fff}
.bar a{color:#fff;text-decoration:none}
.hall{font-weight:700;letter-spacing:.06em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.lang{flex:none;padding:4px 12px;border:1px solid rgba(255,255,255,.7);border-radius:999px;font-size:15px}
main{max-width:720px;margin:0 auto;padding:8px 16px 24px}
h1{margin:18px 0 6px;font-size:26px;line-height:1.3;color:var(--deep);letter-spacing:.04em}
.lead{margin:0 0 14px;color:#5b5550}
.slides{list-style:none;margin:0;padding:0}
.slide{margin:18px 0;background:#fff;border-radius:12px;overflow:hidden;box-shadow:0 1px 3px rgba(0,0,0,.12)}
figure{margin:0}
.pic{display:block;width:100%;height:auto;background:#eee}
video.pic{background:#000}
figcaption{padding:10px 14px 12px;font-size:16px}
.text{padding:18px 16px;background:linear-gradient(160deg,var(--deep),#2a0609);color:#fff}
.text h2{margin:0 0 8px;font-size:21px;line-height:1.35;color:var(--gold);letter-spacing:.04em}
.text p{margin:0}
.page{display:block;width:100%;aspect-ratio:16/10;border:0;background:#111}
.open-page{display:block;padding:0 14px 12px;color:var(--red)}
.model{position:relative;height:320px;background:radial-gradient(ellipse at 50% 40%,#4a0c12,#14030a);touch-action:pan-y}
.model canvas{display:block;width:100%;height:100%;touch-action:none}
.model .model-poster{width:100%;height:100%;object-fit:contain}
.model[data-state=loading]::after{content:attr(data-loading);position:absolute;inset:auto 0 12px;text-align:center;color:#fff;font-size:14px}
.model-note{position:absolute;inset:auto 12px 12px;margin:0;color:#fff;font-size:14px}
.model-hint{margin:0;padding:8px 14px 0;color:#8a837c;font-size:14px}
.themes{list-style:none;margin:0;padding:0}
.theme{display:block;margin:14px 0;padding:14px 16px;background:#fff;border-left:5px solid var(--red);border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.12);color:inherit;text-decoration:none}
.theme-title{display:block;font-size:19px;font-weight:700;color:var(--deep)}
.theme-text{display:block;margin-top:4px;color:#5b5550;font-size:15px}
.theme-count{display:block;margin-top:6px;color:var(--red);font-size:14px}
footer{padding:16px;text-align:center;color:#8a837c;font-size:13px}
`
  .replace(/\n/g, '')
  .trim();
