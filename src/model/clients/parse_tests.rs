use super::*;
use crate::model::clients::amount::Decimal;
use crate::model::clients::csv::{preview, sniff};
use crate::model::clients::dates::{date_of, days_from_civil};
use crate::model::clients::decode::{decode, Encoding};
use crate::model::clients::mapping::guess_mapping;
use crate::model::validation::{FieldError, Problem};
use chrono::Datelike;
use proptest::prelude::*;

/// The whole import as the worker runs it, from bytes.
fn import(bytes: &[u8]) -> Result<ParseOutcome, ImportError> {
    let decoded = decode(bytes)?;
    let dialect = sniff(&decoded.text);
    let mapping = guess_mapping(&preview(&decoded.text, &dialect, 20), &dialect);
    parse_transactions(&decoded.text, &dialect, &mapping, &mut |_| true)
}

fn day(y: i32, m: u32, d: u32) -> i32 {
    days_from_civil(y, m, d)
}

/// (client id, day, amount) of every imported row.
fn rows(o: &ParseOutcome) -> Vec<(String, i32, f64)> {
    o.data
        .transactions
        .iter()
        .map(|t| {
            (
                o.data.client_ids[t.client as usize].clone(),
                t.day,
                t.amount,
            )
        })
        .collect()
}

fn group(o: &ParseOutcome, reason: RejectReason) -> Option<&RejectGroup> {
    o.rejected.iter().find(|g| g.reason == reason)
}

/// Windows-1251 bytes of a text made of ASCII and Russian letters (test helper).
fn to_1251(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'А'..='я' => (c as u32 - 0x410 + 0xC0) as u8,
            'Ё' => 0xA8,
            'ё' => 0xB8,
            c => c as u8,
        })
        .collect()
}

#[test]
fn utf8_comma_iso_point() {
    let o = import(b"client,date,amount\nA,2024-03-05,10.5\nB,2024-03-06,7\nA,2024-04-01,2.25\n")
        .unwrap();
    assert_eq!(
        rows(&o),
        vec![
            ("A".to_string(), day(2024, 3, 5), 10.5),
            ("B".to_string(), day(2024, 3, 6), 7.0),
            ("A".to_string(), day(2024, 4, 1), 2.25),
        ]
    );
    assert_eq!(o.data.client_ids, vec!["A", "B"]);
    assert_eq!((o.rows_read, o.rejected_rows()), (3, 0));
}

#[test]
fn russian_excel_1251_semicolon_decimal_comma_crlf() {
    let text = "Клиент;Дата;Сумма;Менеджер\r\nООО Ромашка;05.03.2024;1 234,50;Иванов\r\nИП Петров;06.03.2024;99,9;Петрова\r\n";
    let bytes = to_1251(text);
    assert_eq!(decode(&bytes).unwrap().encoding, Encoding::Windows1251);
    let o = import(&bytes).unwrap();
    assert_eq!(
        rows(&o),
        vec![
            ("ООО Ромашка".to_string(), day(2024, 3, 5), 1234.5),
            ("ИП Петров".to_string(), day(2024, 3, 6), 99.9),
        ]
    );
    assert_eq!(o.data.managers, vec!["", "Иванов", "Петрова"]);
    assert_eq!(o.data.tags[1].manager, 2);
}

#[test]
fn utf8_bom_and_tab() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice("Клиент\tДата\tСумма\nК1\t20240305\t5\n".as_bytes());
    let o = import(&bytes).unwrap();
    assert_eq!(rows(&o), vec![("К1".to_string(), day(2024, 3, 5), 5.0)]);
}

#[test]
fn every_date_format_with_and_without_time() {
    let text = "client;date;amount\n\
        a;2024-03-05;1\n\
        b;05.03.2024;1\n\
        c;05/03/2024;1\n\
        d;20240305;1\n\
        e;2024-03-05T10:11:12;1\n\
        f;05.03.2024 10:11;1\n\
        g;05/03/2024 10:11:12;1\n\
        h;05.03.24;1\n";
    let o = import(text.as_bytes()).unwrap();
    assert_eq!(o.rejected_rows(), 0);
    assert!(o.data.transactions.iter().all(|t| t.day == day(2024, 3, 5)));
    assert_eq!(o.data.transactions.len(), 8);
}

#[test]
fn us_slash_dates_when_the_file_says_so() {
    let o = import(b"client,date,amount\nA,03/25/2024,1\nB,04/02/2024,2\n").unwrap();
    assert_eq!(o.data.transactions[0].day, day(2024, 3, 25));
    assert_eq!(o.data.transactions[1].day, day(2024, 4, 2));
}

#[test]
fn quoted_fields_with_delimiters_quotes_and_line_breaks() {
    let text = "client,date,amount\n\"Ромашка, ООО\",2024-03-05,\"1,234.50\"\n\"Say \"\"hi\"\"\",2024-03-05,1\n\"Two\nlines\",2024-03-05,2\n";
    let o = import(text.as_bytes()).unwrap();
    let r = rows(&o);
    assert_eq!(r[0].0, "Ромашка, ООО");
    assert_eq!(r[0].2, 1234.5);
    assert_eq!(r[1].0, "Say \"hi\"");
    assert_eq!(r[2].0, "Two\nlines");
}

#[test]
fn rejected_rows_are_counted_by_reason_with_examples() {
    let text = "client;date;amount\n\
        A;05.03.2024;100\n\
        ;05.03.2024;100\n\
        B;;100\n\
        C;35.03.2024;100\n\
        D;tomorrow;100\n\
        E;05.03.2024;\n\
        F;05.03.2024;abc\n\
        G;05.03.2024;0\n\
        H;05.03.2024;-40,5\n\
        I;05.03.2024;1e20\n\
        J;05.03.2024\n\
        K;05.03.2024;1;extra\n\
        L;05.03.2024;5;;\n\
        \"M;05.03.2024;5\n";
    let o = import(text.as_bytes()).unwrap();
    let count = |r| group(&o, r).map_or(0, |g| g.count);
    assert_eq!(count(RejectReason::MissingClient), 1);
    assert_eq!(count(RejectReason::MissingDate), 1);
    assert_eq!(count(RejectReason::DateOutOfRange), 1);
    assert_eq!(count(RejectReason::BadDate), 1);
    assert_eq!(count(RejectReason::MissingAmount), 1);
    assert_eq!(count(RejectReason::BadAmount), 1);
    assert_eq!(count(RejectReason::NegativeAmount), 1);
    assert_eq!(count(RejectReason::AmountTooLarge), 1);
    assert_eq!(count(RejectReason::ColumnCount), 2);
    assert_eq!(count(RejectReason::BadQuotes), 1);
    // A, G (zero kept) and L (trailing empty fields allowed) are imported.
    let ids: Vec<&str> = o.data.client_ids.iter().map(String::as_str).collect();
    assert_eq!(ids, vec!["A", "G", "L"]);
    assert_eq!(o.zero_amount_rows, 1);
    assert_eq!(o.negative_total, -40.5);
    assert_eq!(o.rows_read, 14);
    assert_eq!(o.rejected_rows(), 11);
    // The example keeps the line number and the raw text.
    let bad_date = &group(&o, RejectReason::BadDate).unwrap().examples[0];
    assert_eq!(
        (bad_date.line, bad_date.text.as_str()),
        (6, "D;tomorrow;100")
    );
    let columns = &group(&o, RejectReason::ColumnCount).unwrap().examples;
    assert_eq!(columns[0].line, 12);
    assert_eq!(columns[1].text, "K;05.03.2024;1;extra");
}

#[test]
fn a_rejected_row_never_creates_a_client() {
    let o = import(b"client,date,amount\nA,2024-01-01,1\nGHOST,bad,1\n").unwrap();
    assert_eq!(o.data.client_ids, vec!["A"]);
}

#[test]
fn examples_are_capped_and_cut() {
    let mut text = String::from("client;date;amount\n");
    for i in 0..20 {
        text.push_str(&format!("X{i};bad;{}\n", "9".repeat(300)));
    }
    text.push_str("A;01.01.2024;1\n");
    let o = import(text.as_bytes()).unwrap();
    let g = group(&o, RejectReason::BadDate).unwrap();
    assert_eq!(g.count, 20);
    assert_eq!(g.examples.len(), EXAMPLES_PER_REASON);
    assert_eq!(g.examples[4].line, 6);
    assert_eq!(g.examples[0].text.chars().count(), EXAMPLE_CHARS + 1);
    assert!(g.examples[0].text.ends_with('…'));
}

#[test]
fn blank_rows_are_counted_not_rejected() {
    let o = import(b"client;date;amount\n\nA;01.01.2024;1\n;;\n  \nB;02.01.2024;2\n").unwrap();
    assert_eq!((o.blank_rows, o.rows_read, o.rejected_rows()), (3, 2, 0));
}

#[test]
fn broken_files() {
    assert_eq!(import(b"").unwrap_err(), ImportError::Empty);
    assert_eq!(import(b"\r\n \n").unwrap_err(), ImportError::Empty);
    assert_eq!(
        import(b"client;date;amount\n").unwrap_err(),
        ImportError::NoDataRows
    );
    assert_eq!(
        import(b"client;date;amount\n;;\n").unwrap_err(),
        ImportError::NoDataRows
    );
    assert_eq!(
        import(&[0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]).unwrap_err(),
        ImportError::Binary
    );
    // Text that is no table: the required columns cannot be found.
    assert!(matches!(
        import(b"hello world\nthis is a letter\n").unwrap_err(),
        ImportError::Mapping(_)
    ));
}

#[test]
fn mapping_outside_the_columns_is_an_error() {
    let mapping = ColumnMapping {
        client: Some(0),
        date: Some(1),
        amount: Some(7),
        ..ColumnMapping::default()
    };
    let err = parse_transactions(
        "c;d;a\nA;01.01.2024;1\n",
        &Dialect::default(),
        &mapping,
        &mut |_| true,
    )
    .unwrap_err();
    assert_eq!(
        err,
        ImportError::Mapping(vec![FieldError::new(
            "map-amount",
            Problem::OutOfRange { min: 1.0, max: 3.0 }
        )])
    );
}

#[test]
fn no_header_file() {
    let dialect = Dialect {
        delimiter: b',',
        decimal: Decimal::Point,
        has_header: false,
        ..Dialect::default()
    };
    let mapping = ColumnMapping {
        client: Some(0),
        date: Some(1),
        amount: Some(2),
        ..ColumnMapping::default()
    };
    let o = parse_transactions(
        "A,2024-01-01,1\nB,2024-01-02,2\n",
        &dialect,
        &mapping,
        &mut |_| true,
    )
    .unwrap();
    assert_eq!(o.data.transactions.len(), 2);
}

#[test]
fn progress_reports_and_cancel_stops() {
    let mut text = String::from("client;date;amount\n");
    for i in 0..150_000 {
        text.push_str(&format!("C{};01.01.2024;{}\n", i % 1000, i + 1));
    }
    let d = Dialect::default();
    let m = ColumnMapping {
        client: Some(0),
        date: Some(1),
        amount: Some(2),
        ..ColumnMapping::default()
    };
    let mut seen = Vec::new();
    let o = parse_transactions(&text, &d, &m, &mut |p| {
        seen.push(p);
        true
    })
    .unwrap();
    assert_eq!(o.data.transactions.len(), 150_000);
    assert!(seen.len() >= 3, "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(seen.last(), Some(&1.0));
    let err = parse_transactions(&text, &d, &m, &mut |_| false).unwrap_err();
    assert_eq!(err, ImportError::Cancelled);
}

#[test]
fn too_many_rows_is_refused() {
    let m = ColumnMapping {
        client: Some(0),
        date: Some(1),
        amount: Some(2),
        ..ColumnMapping::default()
    };
    let text = "c;d;a\nA;01.01.2024;1\nA;;1\nB;01.01.2024;2\n";
    let d = Dialect::default();
    // Rejected rows count too: three rows are over a limit of two.
    let err = parse_with_limit(text, &d, &m, 2, &mut |_| true).unwrap_err();
    assert_eq!(err, ImportError::TooManyRows { max_rows: 2 });
    assert!(parse_with_limit(text, &d, &m, 3, &mut |_| true).is_ok());
}

#[test]
fn from_triples_builds_a_set() {
    let set = TransactionSet::from_triples([("a", 1, 2.0), ("b", 3, 4.0), ("a", 5, 6.0)]);
    assert_eq!(set.client_ids, vec!["a", "b"]);
    assert_eq!(set.transactions[2].client, 0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = import(&bytes);
    }

    #[test]
    fn csv_like_text_never_panics(text in "[A-Za-zА-я0-9,;\t\"\\.\\-/: \r\n]{0,300}") {
        if let Ok(o) = import(text.as_bytes()) {
            prop_assert_eq!(o.rows_read, o.data.transactions.len() + o.rejected_rows());
            for t in &o.data.transactions {
                prop_assert!(t.amount.is_finite() && t.amount >= 0.0);
                prop_assert!((t.client as usize) < o.data.client_ids.len());
            }
        }
    }

    /// A real export (UTF-8, UTF-16 with a byte order mark, or Windows-1251) with bytes
    /// changed, dropped, added or cut off anywhere: it imports, or fails with a reason that
    /// is one of the import's own; rows read are always accounted for.
    #[test]
    fn mutated_real_files_never_panic(
        encoding in 0u8..3,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..4, any::<u8>()), 1..10)
    ) {
        let text = "Клиент;Дата;Сумма;Менеджер\nООО «Альфа»;01.02.2024;1 234,50;Иванов\n\
                    \"Бета; и Ко\";15.03.2024;99 000;Петров\nГамма;2024-04-30;-50,5;\n";
        let mut bytes: Vec<u8> = match encoding {
            0 => text.as_bytes().to_vec(),
            1 => [0xFF, 0xFE]
                .into_iter()
                .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
                .collect(),
            _ => text
                .chars()
                .map(|c| match c {
                    'А'..='я' => (c as u32 - 'А' as u32 + 0xC0) as u8,
                    '«' => 0xAB,
                    '»' => 0xBB,
                    c if c.is_ascii() => c as u8,
                    _ => b'?',
                })
                .collect(),
        };
        for (at, kind, byte) in edits {
            let at = at.index(bytes.len() + 1);
            match kind {
                0 if at < bytes.len() => bytes[at] = byte,
                1 if at < bytes.len() => {
                    bytes.remove(at);
                }
                2 => bytes.truncate(at),
                _ => bytes.insert(at, byte),
            }
        }
        match import(&bytes) {
            Ok(o) => {
                prop_assert_eq!(o.rows_read, o.data.transactions.len() + o.rejected_rows());
                for t in &o.data.transactions {
                    prop_assert!(t.amount.is_finite());
                    prop_assert!((t.client as usize) < o.data.client_ids.len());
                }
            }
            Err(e) => prop_assert!(matches!(
                e,
                ImportError::Empty
                    | ImportError::Binary
                    | ImportError::NoDataRows
                    | ImportError::Mapping(_)
            ), "{e:?}"),
        }
    }

    #[test]
    fn generated_rows_round_trip(
        cells in proptest::collection::vec((0u32..50, 0i32..3000, 1u64..10_000_000), 1..40)
    ) {
        let mut text = String::from("Клиент;Дата;Сумма\n");
        for &(c, d, cents) in &cells {
            let date = date_of(day(2000, 1, 1) + d);
            let (y, m, dd) = (date.year(), date.month(), date.day());
            text.push_str(&format!("К{c};{dd:02}.{m:02}.{y};{},{:02}\n", cents / 100, cents % 100));
        }
        let o = import(text.as_bytes()).unwrap();
        prop_assert_eq!(o.rejected_rows(), 0);
        for (t, &(c, d, cents)) in o.data.transactions.iter().zip(&cells) {
            prop_assert_eq!(&o.data.client_ids[t.client as usize], &format!("К{c}"));
            prop_assert_eq!(t.day, day(2000, 1, 1) + d);
            prop_assert!((t.amount - cents as f64 / 100.0).abs() < 1e-9);
        }
    }
}

/// A file of good rows, quoted line breaks (`quoted_break` inside and after them), blank
/// rows, short rows and bad dates, from proptest's cells.
fn mixed_rows(cells: &[(u32, i32, i64, u8)], quoted_break: &str) -> String {
    let mut text = String::from("Клиент;Дата;Сумма;Товар\n");
    for &(c, d, cents, kind) in cells {
        let date = date_of(day(2020, 1, 1) + d);
        let (y, m, dd) = (date.year(), date.month(), date.day());
        let amount = format!("{},{:02}", cents / 100, (cents % 100).abs());
        let b = quoted_break;
        text.push_str(&match kind {
            0 => format!("К{c};{dd:02}.{m:02}.{y};{amount};\"п{c}{b}{d}\"{b}"),
            1 => ";;;\n".to_string(),
            2 => format!("К{c};{dd:02}.{m:02}.{y}\n"),
            3 => format!("К{c};{dd:02}.99.{y};{amount};т{d}\n"),
            _ => format!("К{c};{dd:02}.{m:02}.{y};{amount};т{}\n", d % 7),
        });
    }
    text
}

/// Reads `text` fed in chunks ending at `cuts`, each chunk starting with what the previous
/// one left, as the worker feeds a file read a chunk at a time.
fn read_in_chunks(
    text: &str,
    dialect: &Dialect,
    mapping: &ColumnMapping,
    cuts: &[usize],
) -> Result<ParseOutcome, ImportError> {
    let mut parser = StreamParser::new(*dialect, *mapping, 0);
    let mut from = 0;
    for &cut in cuts {
        if cut > from && text.is_char_boundary(cut) {
            from += parser.feed(&text[from..cut], false, &mut |_| true)?;
        }
    }
    parser.feed(&text[from..], true, &mut |_| true)?;
    parser.finish()
}

#[test]
fn a_file_fed_in_chunks_equals_the_file_read_at_once() {
    let text = "Клиент;Дата;Сумма;Менеджер\r\n\
        A;01.02.2024;10,50;Иванов\r\n\
        ;;;\r\n\
        \"Q\r\nR\";03.02.2024;8;Сидоров\r\n\
        B;31.02.2024;9;Петров\r\n\
        \"Z;04.02.2024;1;x\r\n";
    let dialect = sniff(text);
    let mapping = guess_mapping(&preview(text, &dialect, 20), &dialect);
    let whole = parse_transactions(text, &dialect, &mapping, &mut |_| true).unwrap();
    assert_eq!(whole.rejected_rows(), 2);
    for a in 0..=text.len() {
        for b in [a + 1, a + 7, a + 40] {
            let chunked = read_in_chunks(text, &dialect, &mapping, &[a, b]);
            assert_eq!(chunked.as_ref(), Ok(&whole), "cuts at {a}, {b}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_chunking_reads_like_the_whole_file(
        cells in proptest::collection::vec((0u32..30, 0i32..800, -100i64..100_000, 0u8..6), 1..30),
        cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..6),
    ) {
        let text = mixed_rows(&cells, "\r\n");
        let dialect = sniff(&text);
        let mapping = guess_mapping(&preview(&text, &dialect, 20), &dialect);
        let whole = parse_transactions(&text, &dialect, &mapping, &mut |_| true);
        let mut cuts: Vec<usize> = cuts.iter().map(|i| i.index(text.len() + 1)).collect();
        cuts.sort_unstable();
        prop_assert_eq!(read_in_chunks(&text, &dialect, &mapping, &cuts), whole);
    }
}

/// Client ids as a reference reader numbers them: in order of first appearance among the
/// rows accepted. Each row: (client, quoted with an inner quote, date readable).
fn expected_numbering(rows: &[(u8, bool, bool)]) -> (Vec<String>, Vec<String>) {
    let mut ids: Vec<String> = Vec::new();
    let mut per_row = Vec::new();
    for &(client, quoted, _) in rows.iter().filter(|&&(_, _, good_date)| good_date) {
        let id = client_text(client, quoted);
        if !ids.contains(&id) {
            ids.push(id.clone());
        }
        per_row.push(id);
    }
    (ids, per_row)
}

/// A quoted id holds a doubled quote, so the reader makes an owned copy of the cell (the
/// path that numbers at once) instead of pointing into the text (the batched path).
fn client_text(client: u8, quoted: bool) -> String {
    if quoted {
        format!("K\"{client}")
    } else {
        format!("K{client}")
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Client ids are numbered a batch at a time; whatever the batches, the chunks, the
    /// rejected rows and the quoted ids between them, the numbers are those of a reader that
    /// numbers each row at once.
    #[test]
    fn client_numbers_follow_the_first_appearance_of_accepted_rows(
        rows in proptest::collection::vec((0u8..40, proptest::bool::weighted(0.1), proptest::bool::weighted(0.85)), 1..120),
        cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..4),
    ) {
        let mut text = String::from("client;date;amount\n");
        for &(client, quoted, good_date) in &rows {
            let cell = if quoted {
                format!("\"{}\"", client_text(client, true).replace('"', "\"\""))
            } else {
                client_text(client, false)
            };
            let date = if good_date { "05.03.2024" } else { "35.03.2024" };
            text.push_str(&format!("{cell};{date};12,5\n"));
        }
        let dialect = sniff(&text);
        let mapping = guess_mapping(&preview(&text, &dialect, 20), &dialect);
        let mut cuts: Vec<usize> = cuts.iter().map(|i| i.index(text.len() + 1)).collect();
        cuts.sort_unstable();
        let (ids, per_row) = expected_numbering(&rows);
        for outcome in [
            parse_transactions(&text, &dialect, &mapping, &mut |_| true),
            read_in_chunks(&text, &dialect, &mapping, &cuts),
        ] {
            match outcome {
                Ok(o) => {
                    prop_assert_eq!(&o.data.client_ids, &ids);
                    let got: Vec<String> = rows_of(&o);
                    prop_assert_eq!(&got, &per_row);
                }
                Err(e) => prop_assert!(per_row.is_empty(), "{e:?}"),
            }
        }
    }
}

fn rows_of(o: &ParseOutcome) -> Vec<String> {
    rows(o).into_iter().map(|(id, _, _)| id).collect()
}

#[test]
fn a_cell_outside_the_text_is_not_taken_for_a_part_of_it() {
    let text = String::from("K1;05.03.2024;1\n");
    assert_eq!(offset_in(&text, &text[3..13]), Some(3));
    assert_eq!(offset_in(&text, &text[16..]), Some(16));
    assert_eq!(offset_in(&text, "K1"), None);
    let other = String::from("K1");
    assert_eq!(offset_in(&text, &other), None);
}
