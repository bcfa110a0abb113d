//! A small .xlsx writer: SpreadsheetML parts in a ZIP, one worksheet per [`Sheet`], numbers
//! as numbers with number formats, inline strings, bold headers.
//!
//! Written by hand because a full library (rust_xlsxwriter with `wasm`) adds about 335 KB gzip
//! to the bundle, more than the whole app's budget; this file adds a few kilobytes.

use crate::i18n::Lang;

use super::zip::{zip, Compress};
use super::{Cell, Locale, NumberFormat, Sheet};

/// Cell styles (indices into `cellXfs` of [`styles`]).
const STYLE_TITLE: u8 = 1;
const STYLE_TABLE_TITLE: u8 = 2;
const STYLE_HEADER: u8 = 3;
const STYLE_NOTE: u8 = 9;

fn number_style(format: NumberFormat) -> u8 {
    match format {
        NumberFormat::Integer => 4,
        NumberFormat::Decimal1 => 5,
        NumberFormat::Money => 6,
        NumberFormat::Percent | NumberFormat::Probability => 7,
        NumberFormat::Ratio => 8,
        NumberFormat::Exact => 0,
    }
}

/// The workbook of `sheets`, headed on every sheet by `title` (plan and client), its parts
/// stored (the page's plan export: no deflate encoder in the first load).
pub fn workbook(sheets: &[Sheet], locale: Locale, title: &str) -> Vec<u8> {
    workbook_with(sheets, locale, title, None)
}

/// [`workbook`] with its parts compressed by `compress` (the worker passes
/// [`super::deflate::deflate`]).
pub fn workbook_with(
    sheets: &[Sheet],
    locale: Locale,
    title: &str,
    compress: Option<Compress>,
) -> Vec<u8> {
    let names = sheet_names(sheets);
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), content_types(sheets.len())),
        ("_rels/.rels".into(), ROOT_RELS.as_bytes().to_vec()),
        ("docProps/core.xml".into(), core(title)),
        ("xl/workbook.xml".into(), workbook_xml(&names)),
        (
            "xl/_rels/workbook.xml.rels".into(),
            workbook_rels(sheets.len()),
        ),
        ("xl/styles.xml".into(), styles(locale)),
    ];
    for (i, sheet) in sheets.iter().enumerate() {
        parts.push((
            format!("xl/worksheets/sheet{}.xml", i + 1),
            worksheet(sheet, title),
        ));
    }
    zip(&parts, compress)
}

const XML_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

fn content_types(sheets: usize) -> Vec<u8> {
    let mut x = format!(
        r#"{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#
    );
    for i in 1..=sheets {
        x.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
    }
    x.push_str("</Types>");
    x.into_bytes()
}

fn core(title: &str) -> Vec<u8> {
    format!(
        r#"{XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>Salesplan</dc:creator></cp:coreProperties>"#,
        escape(title)
    )
    .into_bytes()
}

fn workbook_xml(names: &[String]) -> Vec<u8> {
    let mut x = format!(r#"{XML_HEAD}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>"#);
    for (i, name) in names.iter().enumerate() {
        x.push_str(&format!(
            r#"<sheet name="{}" sheetId="{}" r:id="rId{}"/>"#,
            escape(name),
            i + 1,
            i + 1
        ));
    }
    x.push_str("</sheets></workbook>");
    x.into_bytes()
}

fn workbook_rels(sheets: usize) -> Vec<u8> {
    let mut x = format!(
        r#"{XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    );
    for i in 1..=sheets {
        x.push_str(&format!(r#"<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>"#));
    }
    x.push_str(&format!(
        r#"<Relationship Id="rId{}" Type="{REL_NS}/styles" Target="styles.xml"/></Relationships>"#,
        sheets + 1
    ));
    x.into_bytes()
}

/// Money shows the plan's currency where the locale puts it: `1 234 ₽`, `₽1,234`. The
/// separators in format codes are placeholders Excel replaces with the reader's own.
fn money_format(locale: Locale) -> String {
    let symbol = locale.currency.symbol();
    match locale.lang {
        Lang::Ru => format!(r#"#,##0\ "{symbol}""#),
        Lang::En => format!(r##""{symbol}"#,##0"##),
    }
}

fn styles(locale: Locale) -> Vec<u8> {
    let formats = [
        (164, "#,##0".to_string()),
        (165, "#,##0.0".to_string()),
        (166, money_format(locale)),
        (167, "0.0%".to_string()),
        (168, "0.0".to_string()),
    ];
    let mut x = format!(
        r#"{XML_HEAD}<styleSheet xmlns="{MAIN_NS}"><numFmts count="{}">"#,
        formats.len()
    );
    for (id, code) in &formats {
        x.push_str(&format!(
            r#"<numFmt numFmtId="{id}" formatCode="{}"/>"#,
            escape(code)
        ));
    }
    x.push_str(concat!(
        r#"</numFmts><fonts count="4">"#,
        r#"<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#,
        r#"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#,
        r#"<font><b/><sz val="14"/><color rgb="FF1F4E79"/><name val="Calibri"/><family val="2"/></font>"#,
        r#"<font><i/><sz val="10"/><color rgb="FF7F7F7F"/><name val="Calibri"/><family val="2"/></font>"#,
        r#"</fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#,
        r#"<fill><patternFill patternType="solid"><fgColor rgb="FFDDE7F0"/><bgColor indexed="64"/></patternFill></fill></fills>"#,
        r#"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#,
        r#"<border><left/><right/><top/><bottom style="thin"><color rgb="FF9FB3C8"/></bottom><diagonal/></border></borders>"#,
        r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
        r#"<cellXfs count="10">"#,
        r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
        r#"<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
        r#"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
        r#"<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#,
        r#"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
        r#"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
        r#"<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
        r#"<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
        r#"<xf numFmtId="168" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
        r#"<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
        r#"</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#,
    ));
    x.into_bytes()
}

/// One row being written: its cells as XML.
struct Rows {
    xml: String,
    next: usize,
}

impl Rows {
    fn row(&mut self, cells: &[(u8, Option<&Cell>)]) {
        let r = self.next;
        self.next += 1;
        self.xml.push_str(&format!(r#"<row r="{r}">"#));
        for (col, (style, cell)) in cells.iter().enumerate() {
            let at = format!("{}{r}", column_name(col));
            let xml = match cell {
                Some(Cell::Number(v, format)) => {
                    let stored = if *format == NumberFormat::Percent {
                        v / 100.0
                    } else {
                        *v
                    };
                    format!(
                        r#"<c r="{at}" s="{}"><v>{stored}</v></c>"#,
                        number_style(*format)
                    )
                }
                Some(Cell::Text(t)) => format!(
                    r#"<c r="{at}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                    escape(t)
                ),
                Some(Cell::Empty) | None => continue,
            };
            self.xml.push_str(&xml);
        }
        self.xml.push_str("</row>");
    }

    fn blank(&mut self) {
        self.next += 1;
    }
}

fn worksheet(sheet: &Sheet, title: &str) -> Vec<u8> {
    let mut rows = Rows {
        xml: String::new(),
        next: 1,
    };
    let heading = Cell::text(title);
    rows.row(&[(STYLE_TITLE, Some(&heading))]);
    for table in &sheet.tables {
        rows.blank();
        let name = Cell::text(table.title.clone());
        rows.row(&[(STYLE_TABLE_TITLE, Some(&name))]);
        let headers: Vec<Cell> = table.headers.iter().map(Cell::text).collect();
        let header_row: Vec<(u8, Option<&Cell>)> =
            headers.iter().map(|h| (STYLE_HEADER, Some(h))).collect();
        rows.row(&header_row);
        for row in &table.rows {
            let cells: Vec<(u8, Option<&Cell>)> = row.iter().map(|c| (0, Some(c))).collect();
            rows.row(&cells);
        }
        if let Some(note) = &table.note {
            let note = Cell::text(note.clone());
            rows.row(&[(STYLE_NOTE, Some(&note))]);
        }
    }
    let mut x = format!(
        r#"{XML_HEAD}<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>"#
    );
    for (i, width) in column_widths(sheet).iter().enumerate() {
        x.push_str(&format!(
            r#"<col min="{n}" max="{n}" width="{width}" customWidth="1"/>"#,
            n = i + 1
        ));
    }
    x.push_str("</cols><sheetData>");
    x.push_str(&rows.xml);
    x.push_str(r#"</sheetData><pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape"/></worksheet>"#);
    x.into_bytes()
}

/// Widths in characters: the longest text of a column (headers wrap, so they count up to
/// 18), numbers about 14; between 8 and 48.
fn column_widths(sheet: &Sheet) -> Vec<u32> {
    let columns = sheet
        .tables
        .iter()
        .map(|t| t.headers.len())
        .max()
        .unwrap_or(1);
    let mut widths = vec![8u32; columns];
    for table in &sheet.tables {
        for (i, h) in table.headers.iter().enumerate() {
            widths[i] = widths[i].max((h.chars().count() as u32).min(18));
        }
        for row in &table.rows {
            for (i, cell) in row.iter().enumerate().take(columns) {
                let w = match cell {
                    Cell::Text(t) => t.chars().count() as u32,
                    Cell::Number(..) => 14,
                    Cell::Empty => 0,
                };
                widths[i] = widths[i].max(w);
            }
        }
    }
    widths.iter().map(|w| (w + 2).clamp(8, 48)).collect()
}

/// Sheet names: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_names(sheets: &[Sheet]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (i, sheet) in sheets.iter().enumerate() {
        let clean: String = sheet
            .name
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(28)
            .collect();
        let mut name = if clean.trim().is_empty() {
            format!("Sheet{}", i + 1)
        } else {
            clean
        };
        if names.contains(&name) {
            name = format!("{name} {}", i + 1);
        }
        names.push(name);
    }
    names
}

/// `A`, `B`, ... `Z`, `AA`, ... for a 0-based column.
fn column_name(mut col: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// XML text: the five special characters escaped, characters XML 1.0 forbids dropped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::zip::tests::unzip;
    use super::super::{plan_sheets, Table};
    use super::*;
    use crate::i18n::names::namer;
    use crate::model::{Currency, Plan};

    fn part(entries: &[(String, Vec<u8>)], name: &str) -> String {
        let (_, data) = entries.iter().find(|(n, _)| n == name).unwrap();
        String::from_utf8(data.clone()).unwrap()
    }

    fn locale() -> Locale {
        Locale {
            currency: Currency::RUB,
            lang: Lang::Ru,
        }
    }

    #[test]
    fn workbook_has_every_part_and_a_sheet_per_calculator() {
        let plan = Plan::demo(&namer(Lang::Ru));
        let bytes = workbook(&plan_sheets(&plan, Lang::Ru), locale(), "Демо-план");
        let entries = unzip(&bytes);
        let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
        for needed in [
            "[Content_Types].xml",
            "_rels/.rels",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet2.xml",
            "xl/worksheets/sheet3.xml",
        ] {
            assert!(names.contains(&needed), "{needed} in {names:?}");
        }
        let book = part(&entries, "xl/workbook.xml");
        assert!(book.contains(r#"<sheet name="Воронка" sheetId="1" r:id="rId1"/>"#));
        assert!(book.contains(r#"name="Штат и бюджет""#));
        let types = part(&entries, "[Content_Types].xml");
        assert!(types.contains("/xl/worksheets/sheet3.xml"));
    }

    #[test]
    fn numbers_are_numbers_with_formats() {
        let plan = Plan::demo(&namer(Lang::En));
        let bytes = workbook(&plan_sheets(&plan, Lang::En), locale(), "Demo");
        let entries = unzip(&bytes);
        let funnel = part(&entries, "xl/worksheets/sheet1.xml");
        // 840 leads at the first stage, an integer-formatted number (no t="..." attribute).
        assert!(funnel.contains(r#"s="4"><v>840</v></c>"#), "{funnel}");
        // 40 % conversion is stored as the share 0.4 with the percent format.
        assert!(funnel.contains(r#"s="7"><v>0.4</v></c>"#));
        // The average check 150 000 with the money format.
        assert!(funnel.contains(r#"s="6"><v>150000</v></c>"#));
        assert!(funnel.contains(r#"t="inlineStr"><is><t xml:space="preserve">Leads</t>"#));
        let styles = part(&entries, "xl/styles.xml");
        assert!(
            styles.contains(r##"formatCode="#,##0\ &quot;₽&quot;""##),
            "{styles}"
        );
        assert!(styles.contains(r#"formatCode="0.0%""#));
    }

    #[test]
    fn text_is_escaped_and_names_are_valid() {
        let sheet = Sheet {
            name: "a/b:c*[d]".into(),
            tables: vec![Table {
                id: "t",
                title: "x".into(),
                headers: vec!["h".into()],
                rows: vec![vec![Cell::text("<A & B> \"q\" \u{1}")]],
                note: None,
            }],
        };
        let bytes = workbook(&[sheet.clone(), sheet], locale(), "T");
        let entries = unzip(&bytes);
        let book = part(&entries, "xl/workbook.xml");
        assert!(book.contains(r#"name="abcd""#));
        assert!(book.contains(r#"name="abcd 2""#));
        let s = part(&entries, "xl/worksheets/sheet1.xml");
        assert!(s.contains("&lt;A &amp; B&gt; &quot;q&quot; </t>"));
    }

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }
}

#[cfg(test)]
mod compressed_tests {
    use std::time::Instant;

    use super::super::deflate::deflate;
    use super::super::zip::tests::unzip;
    use super::super::{client_sheets, plan_sheets, Table};
    use super::*;
    use crate::i18n::names::namer;
    use crate::model::clients::xlsx::sheet_as_text;
    use crate::model::clients::{
        analyze, parse_transactions, sample, AnalysisSettings, ColumnMapping, Dialect,
    };
    use crate::model::{Currency, Plan};

    fn locale() -> Locale {
        Locale {
            currency: Currency::RUB,
            lang: Lang::Ru,
        }
    }

    #[test]
    fn a_deflated_workbook_holds_the_same_parts_as_the_stored_one() {
        let plan = Plan::demo(&namer(Lang::Ru));
        let sheets = plan_sheets(&plan, Lang::Ru);
        let stored = workbook(&sheets, locale(), "Демо-план");
        let deflated = workbook_with(&sheets, locale(), "Демо-план", Some(deflate));
        // `unzip` checks headers, directory, sizes and CRC-32, inflating with miniz_oxide.
        assert_eq!(unzip(&deflated), unzip(&stored));
        assert!(
            deflated.len() * 3 < stored.len(),
            "{} vs {}",
            deflated.len(),
            stored.len()
        );
    }

    /// The app's writer and the import's reader agree: what the sheet holds comes back as
    /// the text the import reads, stored or deflated.
    #[test]
    fn the_import_reads_the_apps_own_workbook() {
        let sheet = Sheet {
            name: "Продажи".into(),
            tables: vec![Table {
                id: "t",
                title: "Сделки".into(),
                headers: vec!["Клиент".into(), "Дата".into(), "Сумма".into()],
                rows: vec![
                    vec![
                        Cell::text("ООО \"Ромашка\""),
                        Cell::text("15.01.2024"),
                        Cell::Number(1500.5, NumberFormat::Money),
                    ],
                    vec![
                        Cell::text("Лютик\tи Ко"),
                        Cell::Empty,
                        Cell::Number(12.5, NumberFormat::Percent),
                    ],
                ],
                note: None,
            }],
        };
        for compress in [None, Some(deflate as Compress)] {
            let bytes = workbook_with(std::slice::from_ref(&sheet), locale(), "План", compress);
            assert_eq!(
                sheet_as_text(&bytes).unwrap(),
                // Title, a blank row, the table's title, headers, rows (a percentage is
                // stored as its share; the gap of the empty cell kept).
                "План\n\nСделки\nКлиент\tДата\tСумма\n\"ООО \"\"Ромашка\"\"\"\t15.01.2024\t1500.5\n\"Лютик\tи Ко\"\t\t0.125\n"
            );
        }
    }

    /// Sizes and time of the clients export of 50,000 clients (1,000,000 rows), stored and
    /// deflated; writes both to /tmp for a reader such as openpyxl. Run by hand:
    /// `cargo test --release --lib compressed_tests -- --ignored --nocapture`.
    #[test]
    #[ignore = "sizes and timings, run by hand in release mode"]
    fn clients_export_of_50000_clients() {
        let text = sample::generate(1_000_000);
        let dialect = Dialect::default();
        let mapping = ColumnMapping {
            client: Some(0),
            date: Some(1),
            amount: Some(2),
            ..ColumnMapping::default()
        };
        let rows = parse_transactions(&text, &dialect, &mapping, &mut |_| true).unwrap();
        let analysis = analyze(&rows.data, &AnalysisSettings::default()).unwrap();
        let sheets = client_sheets(&analysis, None, crate::model::Currency::RUB, Lang::Ru);
        let start = Instant::now();
        let stored = workbook(&sheets, locale(), "clients");
        let stored_ms = start.elapsed().as_secs_f64() * 1e3;
        let start = Instant::now();
        let deflated = workbook_with(&sheets, locale(), "clients", Some(deflate));
        let deflated_ms = start.elapsed().as_secs_f64() * 1e3;
        println!(
            "{} clients: stored {} bytes in {stored_ms:.0} ms, deflated {} bytes in {deflated_ms:.0} ms ({:.1}x smaller)",
            analysis.clients.len(),
            stored.len(),
            deflated.len(),
            stored.len() as f64 / deflated.len() as f64
        );
        std::fs::write("/tmp/clients-50k-stored.xlsx", &stored).unwrap();
        std::fs::write("/tmp/clients-50k-deflated.xlsx", &deflated).unwrap();
        assert_eq!(unzip(&deflated), unzip(&stored));
    }
}
