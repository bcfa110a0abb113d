use proptest::prelude::*;

use super::zip::Crc32;
use super::*;
use crate::model::clients::csv::records;

/// A ZIP of `parts`, each deflated or stored (a test's own writer, so the reader is not
/// only checked against the app's).
pub fn zip_parts(parts: &[(&str, &[u8])], deflate: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let put16 = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_le_bytes());
    let put32 = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_le_bytes());
    for (name, data) in parts {
        let mut crc = Crc32::new();
        crc.update(data);
        let crc = crc.finish();
        let body = if deflate {
            miniz_oxide::deflate::compress_to_vec(data, 6)
        } else {
            data.to_vec()
        };
        let method = if deflate { 8 } else { 0 };
        let offset = out.len() as u32;
        put32(&mut out, 0x0403_4b50);
        for v in [20, 0, method, 0, 0] {
            put16(&mut out, v);
        }
        put32(&mut out, crc);
        put32(&mut out, body.len() as u32);
        put32(&mut out, data.len() as u32);
        put16(&mut out, name.len() as u16);
        put16(&mut out, 0);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&body);
        put32(&mut central, 0x0201_4b50);
        for v in [20, 20, 0, method, 0, 0] {
            put16(&mut central, v);
        }
        put32(&mut central, crc);
        put32(&mut central, body.len() as u32);
        put32(&mut central, data.len() as u32);
        put16(&mut central, name.len() as u16);
        for v in [0, 0, 0, 0] {
            put16(&mut central, v);
        }
        put32(&mut central, 0);
        put32(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0);
    put16(&mut out, 0);
    put16(&mut out, parts.len() as u16);
    put16(&mut out, parts.len() as u16);
    put32(&mut out, central.len() as u32);
    put32(&mut out, central_offset);
    put16(&mut out, 0);
    out
}

const RELS_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A workbook of the given sheets (each `(name, state, xml)`), shared strings and styles.
fn book(sheets: &[(&str, &str, &str)], strings: &str, styles: &str, pr: &str) -> Vec<u8> {
    let mut wb = format!(r#"<?xml version="1.0"?><workbook xmlns:r="{DOC_NS}">{pr}<sheets>"#);
    let mut rels = format!(r#"<Relationships xmlns="{RELS_NS}">"#);
    for (i, (name, state, _)) in sheets.iter().enumerate() {
        wb.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{n}" state="{state}" r:id="rId{n}"/>"#,
            n = i + 1
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="{DOC_NS}/worksheet" Target="worksheets/sheet{n}.xml"/>"#,
            n = i + 1
        ));
    }
    wb.push_str("</sheets></workbook>");
    rels.push_str(&format!(
        r#"<Relationship Id="rS" Type="{DOC_NS}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rT" Type="{DOC_NS}/styles" Target="/xl/styles.xml"/></Relationships>"#
    ));
    let root = format!(
        r#"<Relationships xmlns="{RELS_NS}"><Relationship Id="rId1" Type="{DOC_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    );
    let names: Vec<String> = (1..=sheets.len())
        .map(|n| format!("xl/worksheets/sheet{n}.xml"))
        .collect();
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("_rels/.rels", root.as_bytes()),
        ("xl/workbook.xml", wb.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        ("xl/sharedStrings.xml", strings.as_bytes()),
        ("xl/styles.xml", styles.as_bytes()),
    ];
    for (name, (_, _, xml)) in names.iter().zip(sheets) {
        parts.push((name, xml.as_bytes()));
    }
    zip_parts(&parts, true)
}

const STRINGS: &str = r#"<sst><si><t>Клиент</t></si><si><r><rPr><b/></rPr><t>Да</t></r><r><t>та</t></r><rPh><t>x</t></rPh></si><si><t>Сумма</t></si><si><t xml:space="preserve">ООО "Ромашка"	1</t></si></sst>"#;
/// Style 0 general, 1 built-in date 14, 2 custom date, 3 custom money (not a date).
const STYLES: &str = r##"<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/><numFmt numFmtId="165" formatCode="#,##0\ &quot;₽&quot;"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>"##;

fn sheet(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><worksheet><sheetData>{rows}</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>"#
    )
}

/// A workbook of one sheet of inline strings, a row per line (for other modules' tests).
pub(crate) fn inline_book(rows: &[&[&str]]) -> Vec<u8> {
    let mut xml = String::new();
    for (r, row) in rows.iter().enumerate() {
        xml.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for cell in *row {
            xml.push_str(&format!(r#"<c t="inlineStr"><is><t>{cell}</t></is></c>"#));
        }
        xml.push_str("</row>");
    }
    book(&[("S", "visible", &sheet(&xml))], STRINGS, STYLES, "")
}

fn rows_of(text: &str) -> Vec<Vec<String>> {
    records(text, b'\t', usize::MAX)
}

#[test]
fn cells_of_every_kind_become_tab_separated_text() {
    let xml = sheet(concat!(
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>"#,
        // Row 2 missing: a blank line. Column B missing in row 3: an empty field.
        r#"<row r="3"><c r="A3" t="s"><v>3</v></c><c r="C3" s="3"><v>1234.5</v></c><c r="D3" s="1"><v>45292</v></c></row>"#,
        r#"<row r="4" spans="1:4"><c r="A4" t="inlineStr"><is><r><t>Лю</t></r><r><t>тик</t></r></is></c><c r="B4" s="2"><v>45293.75</v></c><c r="C4"><v>4.5999999999999996</v></c><c r="D4" t="b"><v>1</v></c></row>"#,
        r#"<row r="5"><c r="A5" t="str"><f>A4&amp;"!"</f><v>Лютик!</v></c><c r="B5" t="e"><v>#N/A</v></c><c r="C5"><v>1E-3</v></c><c r="E5" s="1"/></row>"#,
        // Cells without references follow one another.
        r#"<row><c t="inlineStr"><is><t>a&amp;b_x000D_</t></is></c><c><v>-0.5</v></c></row>"#,
    ));
    let bytes = book(&[("Продажи", "visible", &xml)], STRINGS, STYLES, "");
    let text = sheet_as_text(&bytes).unwrap();
    assert_eq!(
        text,
        "Клиент\tДата\tСумма\n\n\"ООО \"\"Ромашка\"\"\t1\"\t\t1234.5\t2024-01-01\nЛютик\t2024-01-02\t4.6\tTRUE\nЛютик!\t#N/A\t0.001\na&b\r\t-0.5\n"
            .replace("a&b\r", "\"a&b\r\"")
    );
    // Read back as the import reads it (blank lines are skipped there, and counted).
    let rows = rows_of(&text);
    assert_eq!(rows[1][0], "ООО \"Ромашка\"\t1");
    assert_eq!(rows[1].len(), 4);
}

#[test]
fn the_1904_date_system() {
    let xml = sheet(r#"<row r="1"><c r="A1" s="1"><v>43830</v></c></row>"#);
    let pr = r#"<workbookPr date1904="1"/>"#;
    let bytes = book(&[("S", "visible", &xml)], STRINGS, STYLES, pr);
    assert_eq!(sheet_as_text(&bytes).unwrap(), "2024-01-01\n");
}

#[test]
fn the_first_shown_worksheet_is_read() {
    let hidden = sheet(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>hidden</t></is></c></row>"#);
    let shown = sheet(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>shown</t></is></c></row>"#);
    let bytes = book(
        &[("H", "hidden", &hidden), ("S", "visible", &shown)],
        STRINGS,
        STYLES,
        "",
    );
    assert_eq!(sheet_as_text(&bytes).unwrap(), "shown\n");
}

#[test]
fn a_workbook_without_strings_or_styles_reads() {
    let wb = format!(
        r#"<workbook xmlns:r="{DOC_NS}"><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    );
    let rels = format!(
        r#"<Relationships><Relationship Id="rId1" Type="{DOC_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
    );
    let xml = sheet(r#"<row r="2"><c r="B2"><v>7</v></c></row>"#);
    let bytes = zip_parts(
        &[
            ("xl/workbook.xml", wb.as_bytes()),
            ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
            ("xl/worksheets/sheet1.xml", xml.as_bytes()),
        ],
        false,
    );
    assert_eq!(sheet_as_text(&bytes).unwrap(), "\n\t7\n");
}

#[test]
fn broken_workbooks_are_named_not_panicked_on() {
    let err = |bytes: &[u8]| read_first_sheet(bytes, MAX_FILE_BYTES, &mut |_| true).unwrap_err();
    let xml = sheet(r#"<row r="1"><c r="A1"><v>1</v></c></row>"#);
    let good = book(&[("S", "visible", &xml)], STRINGS, STYLES, "");
    // A ZIP of something else.
    let other = zip_parts(&[("word/document.xml", b"<w/>".as_slice())], true);
    assert_eq!(err(&other), WorkbookError::NotAWorkbook);
    // Cut short, as a broken download.
    assert_eq!(err(&good[..good.len() / 2]), WorkbookError::Damaged);
    assert_eq!(err(b"PK\x03\x04"), WorkbookError::Damaged);
    // A corrupt deflate stream: bytes inside the first part flipped.
    let mut corrupt = good.clone();
    for b in &mut corrupt[40..60] {
        *b ^= 0x5A;
    }
    assert_eq!(err(&corrupt), WorkbookError::Damaged);
    // A stored part whose bytes do not match its CRC.
    let stored = zip_parts(&[("xl/workbook.xml", b"<workbook/>".as_slice())], false);
    let mut bad_crc = stored.clone();
    bad_crc[30 + "xl/workbook.xml".len()] ^= 1;
    assert_eq!(err(&bad_crc), WorkbookError::Damaged);
    // An encrypted part, an unknown method.
    let mut encrypted = stored.clone();
    let central = stored.len() - 22 - 46 - "xl/workbook.xml".len();
    encrypted[central + 8] = 1;
    assert_eq!(err(&encrypted), WorkbookError::Protected);
    let mut method = stored.clone();
    method[central + 10] = 12;
    assert_eq!(err(&method), WorkbookError::Unsupported);
    // A sheet with no cells.
    let empty = book(&[("S", "visible", &sheet(""))], STRINGS, STYLES, "");
    assert_eq!(err(&empty), WorkbookError::EmptySheet);
    // A shared string that is not in the table.
    let missing = sheet(r#"<row r="1"><c r="A1" t="s"><v>99</v></c></row>"#);
    let missing = book(&[("S", "visible", &missing)], STRINGS, STYLES, "");
    assert_eq!(err(&missing), WorkbookError::Damaged);
    // A reference past Excel's last row.
    let far = sheet(r#"<row r="99999999"><c r="A99999999"><v>1</v></c></row>"#);
    let far = book(&[("S", "visible", &far)], STRINGS, STYLES, "");
    assert_eq!(err(&far), WorkbookError::Damaged);
    // More text than the limit.
    assert_eq!(
        read_first_sheet(&good, 1, &mut |_| true).unwrap_err(),
        WorkbookError::TooLarge
    );
    assert_eq!(
        sheet_as_text(&other),
        Err(ImportError::Workbook(WorkbookError::NotAWorkbook))
    );
}

#[test]
fn containers_are_told_by_their_bytes() {
    assert_eq!(container(b"PK\x03\x04rest"), Container::Zip);
    assert_eq!(container(b"PK\x05\x06"), Container::Zip);
    assert_eq!(container(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1]), Container::Ole);
    assert_eq!(container(b"Client;Date"), Container::Other);
    assert_eq!(container(b""), Container::Other);
}

/// `tests/fixtures/transactions.xlsx`, written by openpyxl (tests/fixtures/make_xlsx.py, which
/// moves plain texts into shared strings as Excel has them): shared and inline strings, rich text, dates in three formats, numbers, a bool, a
/// merged header, gaps.
#[test]
fn a_workbook_written_by_openpyxl() {
    let bytes = include_bytes!("../../../../tests/fixtures/transactions.xlsx");
    let text = sheet_as_text(bytes).unwrap();
    let rows = rows_of(&text);
    assert_eq!(rows[0], ["Клиент", "", "Дата", "Сумма", "Оплачен"]);
    assert_eq!(
        rows[1],
        ["ООО Ромашка", "опт", "2024-01-15", "1500.5", "TRUE"]
    );
    assert_eq!(rows[2], ["Лютик", "", "2024-02-29", "200", "FALSE"]);
    // Row 4 is left empty: a blank line, which the import counts and skips.
    assert_eq!(text.lines().nth(3), Some(""));
    assert_eq!(rows[3], ["Ромашка и Ко", "розница", "2024-03-01", "0.1"]);
    assert_eq!(rows[4], ["C-4", "", "2023-12-31", "1234567.89"]);
    assert_eq!(rows[5], ["ООО \"Лютик\"", "", "01.04.2024", "сто"]);
    assert_eq!(rows.len(), 6);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = sheet_as_text(&bytes);
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend_from_slice(&bytes);
        let _ = sheet_as_text(&zip);
    }

    /// A real workbook with bytes changed anywhere (the central directory, the deflate
    /// streams) or, with its parts stored, in the XML itself before the CRC is taken:
    /// text or an error, never a panic.
    #[test]
    fn a_damaged_workbook_never_panics(
        edits in proptest::collection::vec(
            (any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<u8>()),
            1..8,
        ),
        cut in any::<prop::sample::Index>(),
        in_xml in any::<bool>(),
    ) {
        let xml = sheet(r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45292</v></c></row><row r="3"><c r="C3" t="inlineStr"><is><t>x</t></is></c></row>"#);
        let mut bytes = book(&[("S", "visible", &xml)], STRINGS, STYLES, "");
        if in_xml {
            let archive = zip::Archive::open(&bytes).unwrap();
            let mut parts: Vec<(String, Vec<u8>)> = archive
                .entries
                .iter()
                .map(|e| (e.name.clone(), archive.read(e, usize::MAX).unwrap()))
                .collect();
            for (part, at, value) in &edits {
                let data = &mut parts[part.index(5) + 1].1;
                let i = at.index(data.len());
                data[i] = *value;
            }
            let refs: Vec<(&str, &[u8])> =
                parts.iter().map(|(n, d)| (n.as_str(), d.as_slice())).collect();
            bytes = zip_parts(&refs, false);
        } else {
            for (_, at, value) in &edits {
                let i = at.index(bytes.len());
                bytes[i] = *value;
            }
        }
        let keep = cut.index(bytes.len() + 1);
        let _ = sheet_as_text(&bytes);
        let _ = sheet_as_text(&bytes[..keep]);
    }
}

/// The 1,000,000-row sample (50,000 clients) as an Excel workbook: clients as shared
/// strings, dates as date cells, amounts as numbers (what a CRM export holds).
fn sample_workbook(rows: usize) -> (String, Vec<u8>) {
    let csv = crate::model::clients::sample::generate(rows);
    let mut strings: Vec<&str> = Vec::new();
    let mut index = std::collections::HashMap::new();
    let mut xml = String::from(
        r#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>"#,
    );
    for name in ["Клиент", "Дата", "Сумма"] {
        index.insert(name, strings.len());
        strings.push(name);
    }
    for (i, line) in csv.lines().skip(1).enumerate() {
        let mut f = line.split(';');
        let (client, date, amount) = (f.next().unwrap(), f.next().unwrap(), f.next().unwrap());
        let id = *index.entry(client).or_insert_with(|| {
            strings.push(client);
            strings.len() - 1
        });
        let (d, m, y) = (&date[0..2], &date[3..5], &date[6..10]);
        let serial = crate::model::clients::dates::days_from_civil(
            y.parse().unwrap(),
            m.parse().unwrap(),
            d.parse().unwrap(),
        ) + 25_569;
        let r = i + 2;
        xml.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}" t="s"><v>{id}</v></c><c r="B{r}" s="1"><v>{serial}</v></c><c r="C{r}"><v>{}</v></c></row>"#,
            amount.replace(',', ".")
        ));
    }
    xml.push_str("</sheetData></worksheet>");
    let mut sst = String::from("<sst>");
    for s in &strings {
        sst.push_str(&format!("<si><t>{s}</t></si>"));
    }
    sst.push_str("</sst>");
    let bytes = book(&[("S", "visible", &xml)], &sst, STYLES, "");
    (csv, bytes)
}

/// The workbook gives the CSV's rows, and how long it takes. Run by hand:
/// `cargo test --release --lib xlsx::tests::time -- --ignored --nocapture`.
#[test]
#[ignore = "timing, run by hand in release mode"]
fn time_one_million_rows_from_a_workbook() {
    use crate::model::clients::{guess_mapping, parse_transactions, preview, sniff};
    use std::time::Instant;
    let (csv, bytes) = sample_workbook(1_000_000);
    println!(
        "csv {:.1} MB, xlsx {:.1} MB",
        csv.len() as f64 / 1e6,
        bytes.len() as f64 / 1e6
    );
    let start = Instant::now();
    let text = sheet_as_text(&bytes).unwrap();
    println!(
        "sheet as text: {:.0} ms ({:.1} MB)",
        start.elapsed().as_secs_f64() * 1e3,
        text.len() as f64 / 1e6
    );
    let parse = |t: &str, d: crate::model::clients::Dialect| {
        let m = guess_mapping(&preview(t, &d, 20), &d);
        let start = Instant::now();
        let out = parse_transactions(t, &d, &m, &mut |_| true).unwrap();
        println!("parse: {:.0} ms", start.elapsed().as_secs_f64() * 1e3);
        out
    };
    let from_book = parse(
        &text,
        crate::model::clients::csv::sniff_with_delimiter(&text, b'\t'),
    );
    let from_csv = parse(&csv, sniff(&csv));
    assert_eq!(from_book.data, from_csv.data);
    assert_eq!(from_book.rows_read, 1_000_000);
}

#[test]
fn the_progress_of_a_sheet_rises_to_one_and_can_stop_it() {
    // About 3 MB of sheet XML: inflated in several 1 MB pieces.
    let (_, bytes) = sample_workbook(30_000);
    let mut shares = Vec::new();
    let text = sheet_as_text_with_progress(&bytes, &mut |f| {
        shares.push(f);
        true
    })
    .unwrap();
    assert_eq!(text, sheet_as_text(&bytes).unwrap());
    assert!(shares.len() > 3, "{shares:?}");
    assert!(shares.windows(2).all(|w| w[0] < w[1]), "{shares:?}");
    assert!(
        shares[0] > 0.0 && shares[0] < 0.5,
        "the shared strings first"
    );
    assert_eq!(*shares.last().unwrap(), 1.0);
    // Stopped half-way: cancelled, not damaged.
    let mut calls = 0;
    let stopped = sheet_as_text_with_progress(&bytes, &mut |_| {
        calls += 1;
        calls < 3
    });
    assert_eq!(stopped, Err(ImportError::Cancelled));
    assert_eq!(calls, 3);
}
