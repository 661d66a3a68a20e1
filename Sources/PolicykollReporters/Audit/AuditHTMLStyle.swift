/// The audit page's stylesheet: inline, with the system's own fonts (nothing is fetched), and a
/// print stylesheet for A4.
enum AuditHTMLStyle {
    static let css = """
        :root { --ink: #1c2733; --muted: #5f6b78; --line: #d9e0e7; --brand: #004b89; --brand-2: #0076bc;
          --paper: #ffffff; --wash: #f4f7fa; --pass: #2e7d32; --fail: #c62828; --exc: #6a4fb3; --warn: #b26a00; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; color: var(--ink); background: var(--wash);
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif; }
        .wrap { max-width: 1120px; margin: 0 auto; padding: 0 28px; }
        .masthead { background: var(--brand); color: #fff; padding: 28px 0 24px; }
        .masthead h1 { margin: 2px 0 6px; font-size: 34px; line-height: 1.15; font-weight: 700; letter-spacing: -0.01em; }
        .kicker { margin: 0; text-transform: uppercase; letter-spacing: 0.08em; font-size: 12px; opacity: 0.85; }
        .meta { margin: 0; opacity: 0.95; }
        .toc { background: var(--paper); border-bottom: 1px solid var(--line); }
        .toc ul { list-style: none; margin: 0; padding: 10px 0; display: flex; flex-wrap: wrap; gap: 6px 22px; }
        .toc a { color: var(--brand); text-decoration: none; font-weight: 600; font-size: 14px; }
        .toc a:hover { text-decoration: underline; }
        main > section { background: var(--paper); margin: 22px auto; padding-top: 6px; padding-bottom: 22px;
          border-radius: 6px; box-shadow: 0 1px 2px rgba(16, 36, 64, 0.08); }
        h2 { font-size: 24px; color: var(--brand); margin: 18px 0 10px; }
        h3 { font-size: 18px; margin: 22px 0 8px; }
        h4 { font-size: 16px; margin: 0 0 2px; }
        a { color: var(--brand-2); }
        code { font-size: 11px; word-break: break-all; }
        .overview { display: grid; grid-template-columns: 2.2fr repeat(4, 1fr); gap: 12px; margin: 8px 0 14px; }
        .card { border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; background: var(--paper); }
        .card.hero { display: flex; gap: 16px; align-items: center; }
        .ring { flex: 0 0 120px; width: 120px; height: 120px; }
        .card-label { margin: 0; font-weight: 600; }
        .card-note { margin: 4px 0 0; color: var(--muted); font-size: 13px; }
        .card-value { margin: 0; font-size: 28px; font-weight: 700; line-height: 1.2; }
        .card.pass .card-value { color: var(--pass); } .card.fail .card-value { color: var(--fail); }
        .card.excepted .card-value { color: var(--exc); } .card.na .card-value { color: var(--muted); }
        .card.count { border-top-width: 4px; }
        .card.pass { border-top-color: var(--pass); } .card.fail { border-top-color: var(--fail); }
        .card.excepted { border-top-color: var(--exc); } .card.na { border-top-color: #b0bec5; }
        .ring-value { font-size: 26px; font-weight: 700; fill: var(--ink); }
        .explain { color: var(--muted); font-size: 13.5px; max-width: 78ch; }
        .alert { background: #fff4e5; border-left: 4px solid var(--warn); padding: 10px 14px; }
        .chart { margin: 0; }
        .bars { max-width: 860px; display: block; }
        .bars .bar-label { font-size: 14px; fill: var(--ink); }
        .bars .bar-value { font-size: 14px; font-weight: 700; fill: var(--ink); }
        .bars .bar-note { font-weight: 400; fill: var(--exc); font-size: 12px; }
        .bars .tick { font-size: 11px; fill: var(--muted); }
        .bars .grid { stroke: var(--line); stroke-width: 1; }
        .track { fill: #eef2f6; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
        th, td { padding: 6px 8px; text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); }
        thead th { font-size: 12px; text-transform: uppercase; letter-spacing: 0.03em; color: var(--muted);
          border-bottom: 2px solid var(--line); vertical-align: bottom; }
        tbody th { font-weight: 500; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .heat th, .heat td { border: 2px solid #fff; }
        .heat-cell { text-align: center; font-variant-numeric: tabular-nums; white-space: nowrap; font-size: 13px; }
        .heat-cell.strong { font-weight: 700; }
        .heat thead th { text-transform: none; letter-spacing: 0; font-size: 12px; text-align: center; }
        .heat thead th:first-child { text-align: left; }
        .exc { display: block; font-size: 10.5px; color: var(--exc); font-weight: 400; line-height: 1.2; }
        .legend { font-size: 12px; color: var(--muted); }
        .swatch { display: inline-block; width: 14px; height: 10px; border-radius: 2px; vertical-align: middle; margin-left: 8px; }
        .two { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; align-items: start; }
        .id { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
        .loc { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12px;
          color: var(--muted); }
        .muted { color: var(--muted); }
        .nowrap { white-space: nowrap; }
        .bar-cell { white-space: nowrap; font-variant-numeric: tabular-nums; }
        .mini { vertical-align: middle; margin-right: 6px; }
        .h-pct { font-weight: 600; color: var(--muted); font-size: 0.85em; margin-left: 6px; }
        .change.up { color: var(--pass); } .change.down { color: var(--fail); } .change.same { color: var(--muted); }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 11.5px; font-weight: 700;
          color: #fff; white-space: nowrap; }
        .badge.error, .badge.expired { background: var(--fail); }
        .badge.warning, .badge.soon { background: var(--warn); }
        .badge.info, .badge.unused { background: #607d8b; }
        .badge.excepted, .badge.active { background: var(--exc); }
        .organisation { border-top: 3px solid var(--brand); margin-top: 26px; padding-top: 2px; }
        .org-title { font-size: 20px; color: var(--brand); }
        .systems .area-col { font-size: 10.5px; text-transform: none; letter-spacing: 0; width: 92px; text-align: center;
          white-space: normal; line-height: 1.25; }
        .system { border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; margin: 12px 0; }
        .system .ok { color: var(--pass); margin: 6px 0 0; }
        .findings { list-style: none; margin: 8px 0 0; padding: 0; }
        .finding { border-left: 3px solid var(--fail); padding: 4px 0 6px 10px; margin: 8px 0; }
        .finding.warning { border-left-color: var(--warn); } .finding.info { border-left-color: #607d8b; }
        .finding.excepted { border-left-color: var(--exc); background: #f7f4fd; }
        .finding-head { font-weight: 600; }
        .finding-head .loc { font-weight: 400; margin-left: 6px; }
        .message { margin: 2px 0; }
        .remedy { margin: 2px 0; color: var(--muted); font-size: 13.5px; }
        footer { color: var(--muted); font-size: 12px; padding: 8px 28px 40px; }
        @media (max-width: 760px) { .overview, .two { grid-template-columns: 1fr; } }
        @page { size: A4; margin: 14mm 12mm 16mm; }
        @media print {
          body { background: #fff; font-size: 10pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          .wrap { max-width: none; padding: 0; }
          .toc { display: none; }
          .masthead { padding: 10mm 0 6mm; }
          .masthead .wrap { padding: 0 4mm; }
          main > section { box-shadow: none; margin: 0; border-radius: 0; padding-bottom: 4mm; }
          #principer, #undantag, #organisationer { break-before: page; }
          .organisation { break-before: page; border-top: none; }
          .organisation:first-of-type { break-before: auto; }
          h2, h3, h4 { break-after: avoid; }
          tr, .finding, .card { break-inside: avoid; }
          .system { break-inside: avoid-page; }
          thead { display: table-header-group; }
          a { color: inherit; text-decoration: none; }
          .overview { grid-template-columns: 2fr repeat(4, 1fr); }
          .two { grid-template-columns: 1fr 1fr; }
        }

        """
}
