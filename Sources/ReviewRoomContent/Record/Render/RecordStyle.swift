/// The HTML record's one stylesheet: screen and print, no external assets.
///
/// The page carries it twice from this one string: inline, for the exported file opened from
/// disk, and linked as ``RecordStyle/servedPath``, which the daemon serves with the same CSS,
/// because the daemon serves every page under `default-src 'self'` (PROTOCOL §2), which blocks
/// the inline copy. ``RecordStyle/cspHash`` and ``RecordHTML/contentSecurityPolicy`` describe the
/// policy a host would need to allow the inline copy instead; the Python test under
/// `Tests/content` recomputes the hash from a rendered page.
public enum RecordStyle {
    /// The CSS, exactly as it appears inside the page's `<style>` element.
    public static let css = """
    :root{color-scheme:light;--ink:#1d1d1f;--muted:#5b5b66;--line:#d5d5dc;--accent:#2d5f8b}
    *{box-sizing:border-box}
    body{margin:0;font:100%/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
    main{max-width:60rem;margin:0 auto;padding:1.5rem;overflow-wrap:break-word}
    h1{font-size:1.7rem;margin:0 0 .5rem}
    h2{font-size:1.3rem;margin:2rem 0 .5rem;border-bottom:2px solid var(--line);padding-bottom:.2rem}
    h3{font-size:1.1rem;margin:1.2rem 0 .4rem}
    .draft{border:2px dashed #a15c00;padding:.5rem .8rem;font-weight:600}
    dl.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.2rem 1rem}
    dl.facts dt{font-weight:600}
    dl.facts dd{margin:0;overflow-wrap:anywhere}
    @media (max-width:30rem){dl.facts{grid-template-columns:minmax(0,1fr);gap:0}dl.facts dd{margin-bottom:.4rem}}
    .table-scroll{overflow-x:auto;margin:.5rem 0;background:linear-gradient(to right,#fff 30%,#fff0) left/2rem 100% no-repeat local,linear-gradient(to left,#fff 30%,#fff0) right/2rem 100% no-repeat local,linear-gradient(to right,#0003,#0000) left/.6rem 100% no-repeat scroll,linear-gradient(to left,#0003,#0000) right/.6rem 100% no-repeat scroll}
    .table-scroll:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
    table{border-collapse:collapse;width:100%;margin:0}
    th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
    th{background:#f3f3f6}
    tbody th{background:none}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
    .note-text{white-space:pre-wrap;unicode-bidi:plaintext;border-left:4px solid var(--line);padding:.3rem .8rem;margin:.3rem 0}
    table.authorship td+td{white-space:pre-wrap;unicode-bidi:plaintext;text-align:start}
    .passage:nth-of-type(even){background:#eef3f8}
    .muted{color:var(--muted)}
    ol.questions{padding-left:2.2em}
    ol.questions>li{margin:.3em 0}
    ol.questions>li::before{content:"\\2610\\00a0";content:"\\2610\\00a0" / ""}
    h1,h3,ol.questions>li{unicode-bidi:plaintext}
    ol.questions>li.discussed::before{content:"\\2611\\00a0";content:"\\2611\\00a0" / ""}
    ul.showings{margin:.2em 0;padding-left:1.2em}
    svg.chart{max-width:100%;height:auto}
    svg.chart text{font:12px system-ui,sans-serif}
    nav.contents ol{columns:14em;margin:.3em 0;padding-left:1.6em}
    td.time .whole{white-space:nowrap}
    @media screen{#agenda tbody th{min-width:11em}}
    @media print{
    body{font-size:11pt}
    nav.contents{display:none}
    main{max-width:none;padding:0}
    h2,h3{break-after:avoid}
    table,.note-text,svg.chart{break-inside:avoid}
    .table-scroll{overflow:visible;background:none}
    th,td{overflow-wrap:anywhere}
    thead th,td.time,#phrases tbody th{overflow-wrap:normal}
    td.num,th.num{overflow-wrap:normal;white-space:nowrap}
    tfoot{display:table-row-group}
    .passage:nth-of-type(even){background:none;text-decoration:underline dotted}
    details{display:block}
    details::details-content{content-visibility:visible;display:contents}
    details>summary{display:none}
    }
    """

    /// The `'sha256-…'` CSP source for ``css`` (checked by the Python record test).
    public static let cspHash = "'sha256-Kv7ApT1WIaf06pp5zI25SnPJFA4OwozmwyKBPHMsWRg='"
}
