//! Just enough XML for SpreadsheetML: a pull tokenizer over bytes (start and end tags, text,
//! CDATA), attribute lookup by local name, and entity unescaping. No DTDs and no custom
//! entities (so no entity expansion to blow up); namespace prefixes are dropped, since
//! writers differ in them (`<x:c>` and `<c>` are the same cell).

/// One piece of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// `<name attrs>` or, when `empty`, `<name attrs/>`; `name` without its prefix.
    Start {
        name: &'a [u8],
        attrs: &'a [u8],
        empty: bool,
    },
    End {
        name: &'a [u8],
    },
    /// Text between tags, still escaped.
    Text(&'a [u8]),
    /// The inside of `<![CDATA[...]]>`: text taken as it is.
    CData(&'a [u8]),
}

/// A tag that does not close: the part is damaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Malformed;

pub struct Tokens<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Tokens<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Tokens { bytes, pos: 0 }
    }
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let rest = hay.get(from..)?;
    if needle.len() == 1 {
        return rest.iter().position(|&b| b == needle[0]).map(|i| from + i);
    }
    rest.windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
}

/// The name without its namespace prefix.
pub fn local(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Result<Token<'a>, Malformed>;

    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.bytes;
        loop {
            let start = self.pos;
            if start >= bytes.len() {
                return None;
            }
            if bytes[start] != b'<' {
                let end = find(bytes, start, b"<").unwrap_or(bytes.len());
                self.pos = end;
                return Some(Ok(Token::Text(&bytes[start..end])));
            }
            let rest = &bytes[start..];
            // Declarations, comments and doctypes say nothing about the cells. (Most tags
            // are plain, so one byte decides before any longer comparison.)
            let special = matches!(rest.get(1), Some(b'?' | b'!'));
            let skip_to = if !special {
                None
            } else if rest.starts_with(b"<?") {
                Some(b"?>".as_slice())
            } else if rest.starts_with(b"<!--") {
                Some(b"-->".as_slice())
            } else if rest.starts_with(b"<![CDATA[") {
                let Some(end) = find(bytes, start + 9, b"]]>") else {
                    return Some(Err(Malformed));
                };
                self.pos = end + 3;
                return Some(Ok(Token::CData(&bytes[start + 9..end])));
            } else if rest.starts_with(b"<!") {
                Some(b">".as_slice())
            } else {
                None
            };
            if let Some(close) = skip_to {
                match find(bytes, start + 2, close) {
                    Some(end) => {
                        self.pos = end + close.len();
                        continue;
                    }
                    None => return Some(Err(Malformed)),
                }
            }
            let Some(end) = tag_end(bytes, start + 1) else {
                return Some(Err(Malformed));
            };
            self.pos = end + 1;
            let inner = &bytes[start + 1..end];
            if let Some(name) = inner.strip_prefix(b"/") {
                return Some(Ok(Token::End {
                    name: local(trim(name)),
                }));
            }
            let (inner, empty) = match inner.strip_suffix(b"/") {
                Some(inner) => (inner, true),
                None => (inner, false),
            };
            let name_end = inner
                .iter()
                .position(|b| b.is_ascii_whitespace())
                .unwrap_or(inner.len());
            return Some(Ok(Token::Start {
                name: local(&inner[..name_end]),
                attrs: &inner[name_end..],
                empty,
            }));
        }
    }
}

/// The `>` closing a tag that starts at `from`, skipping quoted attribute values (which may
/// hold a `>`).
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return Some(i),
            None => {}
        }
    }
    None
}

fn trim(s: &[u8]) -> &[u8] {
    let start = s
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    &s[start..end.max(start)]
}

/// The raw (still escaped) value of the attribute whose local name is `want`.
pub fn attr<'a>(attrs: &'a [u8], want: &[u8]) -> Option<&'a [u8]> {
    let mut pos = 0;
    while pos < attrs.len() {
        while pos < attrs.len() && attrs[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let name_start = pos;
        while pos < attrs.len() && attrs[pos] != b'=' && !attrs[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let name = &attrs[name_start..pos];
        while pos < attrs.len() && attrs[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if attrs.get(pos) != Some(&b'=') {
            return None;
        }
        pos += 1;
        while pos < attrs.len() && attrs[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let quote = *attrs.get(pos)?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let value_start = pos + 1;
        let value_end = find(attrs, value_start, &[quote])?;
        if local(name) == want {
            return Some(&attrs[value_start..value_end]);
        }
        pos = value_end + 1;
    }
    None
}

/// The attribute's value unescaped, as text.
pub fn attr_text(attrs: &[u8], want: &[u8]) -> Option<String> {
    attr(attrs, want).map(|raw| {
        let mut out = String::new();
        unescape_into(raw, &mut out);
        out
    })
}

/// Appends `raw` to `out` with the five entities and character references resolved; an
/// unknown entity stays as written, bytes that are not UTF-8 become U+FFFD.
pub fn unescape_into(raw: &[u8], out: &mut String) {
    let mut rest = raw;
    while let Some(amp) = rest.iter().position(|&b| b == b'&') {
        push_utf8(&rest[..amp], out);
        rest = &rest[amp..];
        let Some(semi) = rest.iter().take(12).position(|&b| b == b';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let c = match entity {
            b"amp" => Some('&'),
            b"lt" => Some('<'),
            b"gt" => Some('>'),
            b"quot" => Some('"'),
            b"apos" => Some('\''),
            _ => entity
                .strip_prefix(b"#x")
                .or_else(|| entity.strip_prefix(b"#X"))
                .map(|hex| (hex, 16))
                .or_else(|| entity.strip_prefix(b"#").map(|dec| (dec, 10)))
                .and_then(|(digits, radix)| {
                    let digits = std::str::from_utf8(digits).ok()?;
                    char::from_u32(u32::from_str_radix(digits, radix).ok()?)
                }),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    push_utf8(rest, out);
}

fn push_utf8(bytes: &[u8], out: &mut String) {
    match std::str::from_utf8(bytes) {
        Ok(s) => out.push_str(s),
        Err(_) => out.push_str(&String::from_utf8_lossy(bytes)),
    }
}

/// Resolves SpreadsheetML's own escapes in string items: `_xHHHH_` is the character U+HHHH
/// (Excel writes a carriage return as `_x000D_`).
pub fn unescape_ooxml(s: String) -> String {
    if !s.contains("_x") {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(at) = rest.find("_x") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let code = tail
            .get(2..6)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .filter(|_| tail.as_bytes().get(6) == Some(&b'_'))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32);
        match code {
            Some(c) => {
                out.push(c);
                rest = &tail[7..];
            }
            None => {
                out.push_str("_x");
                rest = &tail[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(xml: &str) -> Vec<Token<'_>> {
        Tokens::new(xml.as_bytes()).map(|t| t.unwrap()).collect()
    }

    #[test]
    fn tags_text_and_prefixes() {
        let t = tokens(r#"<?xml version="1.0"?><!-- c --><x:c r="A1" t='s'><v>1</v></x:c><row/>"#);
        assert_eq!(
            t,
            vec![
                Token::Start {
                    name: b"c",
                    attrs: br#" r="A1" t='s'"#,
                    empty: false
                },
                Token::Start {
                    name: b"v",
                    attrs: b"",
                    empty: false
                },
                Token::Text(b"1"),
                Token::End { name: b"v" },
                Token::End { name: b"c" },
                Token::Start {
                    name: b"row",
                    attrs: b"",
                    empty: true
                },
            ]
        );
        assert_eq!(attr(br#" r="A1" t='s'"#, b"t"), Some(b"s".as_slice()));
        assert_eq!(
            attr(br#" r:id="rId3" name="a>b""#, b"id"),
            Some(b"rId3".as_slice())
        );
        assert_eq!(attr(br#" r="A1""#, b"x"), None);
        assert!(Tokens::new(b"<a").next().unwrap().is_err());
    }

    #[test]
    fn entities_and_ooxml_escapes() {
        let mut s = String::new();
        unescape_into(b"a &amp; b &lt;&#1046;&#x416;&bogus; &", &mut s);
        assert_eq!(s, "a & b <ЖЖ&bogus; &");
        assert_eq!(unescape_ooxml("a_x000D_b_x00zz_".into()), "a\rb_x00zz_");
    }
}
