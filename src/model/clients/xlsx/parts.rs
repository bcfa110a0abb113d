//! The parts around the sheet: the workbook (which sheet, which date system), its
//! relationships (where the parts are), the shared strings and the styles (which cells are
//! dates).

use super::xml::{attr, attr_text, unescape_into, unescape_ooxml, Token, Tokens};
use super::WorkbookError;

/// What `xl/workbook.xml` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Book {
    /// Relationship ids of the sheets, in the workbook's order, with whether each is shown.
    pub sheets: Vec<(String, bool)>,
    /// Dates count from 1904-01-01 (old Mac Excel) instead of 1900.
    pub date1904: bool,
}

fn damaged<T>(_: T) -> WorkbookError {
    WorkbookError::Damaged
}

pub fn book(xml: &[u8]) -> Result<Book, WorkbookError> {
    let mut book = Book {
        sheets: Vec::new(),
        date1904: false,
    };
    for token in Tokens::new(xml) {
        if let Token::Start { name, attrs, .. } = token.map_err(damaged)? {
            match name {
                b"workbookPr" => {
                    book.date1904 = matches!(attr(attrs, b"date1904"), Some(b"1" | b"true"));
                }
                b"sheet" => {
                    if let Some(id) = attr_text(attrs, b"id") {
                        let shown =
                            !matches!(attr(attrs, b"state"), Some(b"hidden" | b"veryHidden"));
                        book.sheets.push((id, shown));
                    }
                }
                _ => {}
            }
        }
    }
    Ok(book)
}

/// One relationship: its id, the last segment of its type, and its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rel {
    pub id: String,
    pub kind: String,
    pub target: String,
}

pub fn rels(xml: &[u8]) -> Result<Vec<Rel>, WorkbookError> {
    let mut out = Vec::new();
    for token in Tokens::new(xml) {
        if let Token::Start {
            name: b"Relationship",
            attrs,
            ..
        } = token.map_err(damaged)?
        {
            let kind = attr_text(attrs, b"Type").unwrap_or_default();
            out.push(Rel {
                id: attr_text(attrs, b"Id").unwrap_or_default(),
                kind: kind.rsplit('/').next().unwrap_or_default().to_string(),
                target: attr_text(attrs, b"Target").unwrap_or_default(),
            });
        }
    }
    Ok(out)
}

/// The part a relationship of the part `base` (`xl/workbook.xml`) points to: relative to
/// the base's folder, or absolute from the archive's root.
pub fn resolve(base: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').collect()
    };
    if !target.starts_with('/') {
        parts.pop();
    }
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The shared string table, all items in one text (a large table is one allocation).
#[derive(Debug, Default)]
pub struct SharedStrings {
    text: String,
    ends: Vec<usize>,
}

impl SharedStrings {
    pub fn get(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)?;
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        self.text.get(start..end)
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.ends.len()
    }
}

/// `<si>` items: plain `<t>` or rich-text runs `<r><t>`; phonetic runs (`<rPh>`) are not
/// part of the text.
pub fn shared_strings(xml: &[u8]) -> Result<SharedStrings, WorkbookError> {
    let mut table = SharedStrings::default();
    let mut item = String::new();
    let (mut in_t, mut in_phonetic) = (false, false);
    for token in Tokens::new(xml) {
        match token.map_err(damaged)? {
            Token::Start { name, empty, .. } => match name {
                b"si" if empty => table.ends.push(table.text.len()),
                b"si" => item.clear(),
                b"t" if !empty && !in_phonetic => in_t = true,
                b"rPh" if !empty => in_phonetic = true,
                _ => {}
            },
            Token::End { name } => match name {
                b"t" => in_t = false,
                b"rPh" => in_phonetic = false,
                b"si" => {
                    table
                        .text
                        .push_str(&unescape_ooxml(std::mem::take(&mut item)));
                    table.ends.push(table.text.len());
                }
                _ => {}
            },
            Token::Text(raw) if in_t => unescape_into(raw, &mut item),
            Token::CData(raw) if in_t => item.push_str(&String::from_utf8_lossy(raw)),
            _ => {}
        }
    }
    Ok(table)
}

/// Per cell style (`s="n"`, an index into `cellXfs`): is its number format a date?
pub fn date_styles(xml: &[u8]) -> Result<Vec<bool>, WorkbookError> {
    let mut custom: Vec<(u32, bool)> = Vec::new();
    let mut xf_formats: Vec<u32> = Vec::new();
    let mut in_cell_xfs = false;
    for token in Tokens::new(xml) {
        match token.map_err(damaged)? {
            Token::Start { name, attrs, empty } => match name {
                b"numFmt" => {
                    let id = attr_text(attrs, b"numFmtId").and_then(|s| s.parse().ok());
                    let code = attr_text(attrs, b"formatCode").unwrap_or_default();
                    if let Some(id) = id {
                        custom.push((id, is_date_code(&code)));
                    }
                }
                b"cellXfs" if !empty => in_cell_xfs = true,
                b"xf" if in_cell_xfs => {
                    let id = attr_text(attrs, b"numFmtId").and_then(|s| s.parse().ok());
                    xf_formats.push(id.unwrap_or(0));
                }
                _ => {}
            },
            Token::End { name: b"cellXfs" } => in_cell_xfs = false,
            _ => {}
        }
    }
    Ok(xf_formats
        .iter()
        .map(|&id| match custom.iter().find(|(c, _)| *c == id) {
            Some(&(_, date)) => date,
            None => is_builtin_date(id),
        })
        .collect())
}

/// Built-in formats that show a date or a time: 14-22 (`m/d/yyyy`, `d-mmm-yy` ... `m/d/yy
/// h:mm`) and 45-47 (`mm:ss`, `[h]:mm:ss`, `mmss.0`).
fn is_builtin_date(id: u32) -> bool {
    matches!(id, 14..=22 | 45..=47)
}

/// A custom format code shows a date when, outside quoted text, escapes and `[...]`
/// (colours, locales), it has a day, month or year letter.
fn is_date_code(code: &str) -> bool {
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            'd' | 'D' | 'm' | 'M' | 'y' | 'Y' => return true,
            // The first section is the one positive numbers use.
            ';' => return false,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_codes() {
        for code in [
            "dd.mm.yyyy",
            "yyyy-mm-dd",
            "[$-419]d mmmm yyyy",
            "m/d/yy h:mm",
            "DD/MM/YY",
        ] {
            assert!(is_date_code(code), "{code}");
        }
        for code in [
            "#,##0",
            r#"#,##0\ "₽""#,
            r##""USD"#,##0.00"##,
            "0.0%",
            "[Red]0.00",
            "General",
            r#"0\d"#,
        ] {
            assert!(!is_date_code(code), "{code}");
        }
        assert!(is_builtin_date(14) && is_builtin_date(22) && is_builtin_date(46));
        assert!(!is_builtin_date(0) && !is_builtin_date(4) && !is_builtin_date(49));
    }

    #[test]
    fn targets_resolve_from_the_workbook() {
        assert_eq!(
            resolve("xl/workbook.xml", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl/workbook.xml", "/xl/worksheets/s.xml"),
            "xl/worksheets/s.xml"
        );
        assert_eq!(resolve("xl/workbook.xml", "../other/s.xml"), "other/s.xml");
        assert_eq!(resolve("", "xl/workbook.xml"), "xl/workbook.xml");
    }

    #[test]
    fn shared_strings_with_runs_and_phonetics() {
        let t = shared_strings(
            br#"<sst><si><t>plain</t></si><si><r><rPr><b/></rPr><t>ri</t></r><r><t xml:space="preserve">ch &amp; </t></r><rPh><t>ignored</t></rPh></si><si/><si><t>a_x000A_b</t></si></sst>"#,
        )
        .unwrap();
        assert_eq!(t.len(), 4);
        assert_eq!(t.get(0), Some("plain"));
        assert_eq!(t.get(1), Some("rich & "));
        assert_eq!(t.get(2), Some(""));
        assert_eq!(t.get(3), Some("a\nb"));
        assert_eq!(t.get(4), None);
    }
}
