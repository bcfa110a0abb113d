//! Bytes of a dropped file -> text: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's
//! "Unicode text"), or Windows-1251 (Russian Excel's "CSV"), detected from the bytes.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::ImportError;

/// Largest file the import accepts, in bytes (the browser holds it in memory twice at most).
pub const MAX_FILE_BYTES: usize = 200 * 1024 * 1024;

/// How the bytes of a file were turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Encoding {
    Utf8,
    /// UTF-8 starting with the byte order mark EF BB BF (Excel "CSV UTF-8").
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// The Russian Windows code page (Excel "CSV" on a Russian Windows).
    Windows1251,
}

/// Decoded text and what it was decoded from.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<'a> {
    /// The text without any byte order mark. Borrows the bytes when they were UTF-8.
    pub text: Cow<'a, str>,
    pub encoding: Encoding,
    /// Broken byte sequences replaced by U+FFFD (0 for a clean file). The UI may warn.
    pub replaced: usize,
}

/// Detects the encoding and decodes. Refuses files over [`MAX_FILE_BYTES`], empty files and
/// binary files (an image dropped by mistake; workbooks are told apart before, in the worker).
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, ImportError> {
    check_size(bytes)?;
    let encoding = detect(bytes);
    if !matches!(encoding, Encoding::Utf16Le | Encoding::Utf16Be) && looks_binary(bytes) {
        return Err(ImportError::Binary);
    }
    Ok(decode_as(bytes, encoding))
}

/// Decodes with an encoding the user chose (the UI offers it when detection guessed wrong).
pub fn decode_as(bytes: &[u8], encoding: Encoding) -> Decoded<'_> {
    match encoding {
        Encoding::Utf8 | Encoding::Utf8Bom => {
            let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
            // The plain check is much faster than the lossy decoder; most files pass it.
            let text = match std::str::from_utf8(body) {
                Ok(text) => Cow::Borrowed(text),
                Err(_) => String::from_utf8_lossy(body),
            };
            let replaced = match &text {
                Cow::Borrowed(_) => 0,
                Cow::Owned(s) => s.matches('\u{fffd}').count(),
            };
            Decoded {
                text,
                encoding,
                replaced,
            }
        }
        Encoding::Utf16Le | Encoding::Utf16Be => decode_utf16(bytes, encoding),
        Encoding::Windows1251 => Decoded {
            text: Cow::Owned(decode_1251(bytes)),
            encoding,
            replaced: 0,
        },
    }
}

fn check_size(bytes: &[u8]) -> Result<(), ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::FileTooLarge {
            bytes: bytes.len(),
            max_bytes: MAX_FILE_BYTES,
        });
    }
    let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty);
    }
    Ok(())
}

const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// Byte order marks decide; otherwise valid UTF-8 is UTF-8 and anything else is Windows-1251.
pub fn detect(bytes: &[u8]) -> Encoding {
    if bytes.starts_with(UTF8_BOM) {
        Encoding::Utf8Bom
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        Encoding::Utf16Le
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Encoding::Utf16Be
    } else if std::str::from_utf8(bytes).is_ok() || valid_utf8_but_cut(bytes) {
        Encoding::Utf8
    } else {
        Encoding::Windows1251
    }
}

/// UTF-8 whose only flaw is a character cut at the very end (a truncated file).
fn valid_utf8_but_cut(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && e.valid_up_to() + 4 > bytes.len(),
    }
}

/// A text file has no NUL bytes and few control characters; a zip or an image has many.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    head.contains(&0) || controls * 100 > head.len()
}

fn decode_utf16(bytes: &[u8], encoding: Encoding) -> Decoded<'static> {
    let body = bytes.get(2..).unwrap_or(&[]);
    let units = body.chunks_exact(2).map(|pair| match encoding {
        Encoding::Utf16Be => u16::from_be_bytes([pair[0], pair[1]]),
        _ => u16::from_le_bytes([pair[0], pair[1]]),
    });
    let mut replaced = body.len() % 2;
    let mut text = String::with_capacity(body.len() / 2);
    for unit in char::decode_utf16(units) {
        text.push(unit.unwrap_or_else(|_| {
            replaced += 1;
            '\u{fffd}'
        }));
    }
    if body.len() % 2 == 1 {
        text.push('\u{fffd}');
    }
    Decoded {
        text: Cow::Owned(text),
        encoding,
        replaced,
    }
}

/// Unicode code points of Windows-1251 bytes 0x80..=0xFF. Byte 0x98 is unassigned and maps to
/// U+0098 as browsers do. 0xC0..=0xFF are А..я in order.
const CP1251_HIGH: [u16; 128] = {
    let specials: [u16; 64] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, // 80
        0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F, // 88
        0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, // 90
        0x0098, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F, // 98
        0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, // A0
        0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407, // A8
        0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, // B0
        0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457, // B8
    ];
    let mut table = [0u16; 128];
    let mut i = 0;
    while i < 128 {
        table[i] = if i < 64 {
            specials[i]
        } else {
            0x0410 + (i as u16 - 64)
        };
        i += 1;
    }
    table
};

/// UTF-8 bytes (up to 3) and their count for each high Windows-1251 byte.
const CP1251_UTF8: [([u8; 3], u8); 128] = {
    let mut out = [([0u8; 3], 0u8); 128];
    let mut i = 0;
    while i < 128 {
        let cp = CP1251_HIGH[i] as u32;
        out[i] = if cp < 0x800 {
            ([0xC0 | (cp >> 6) as u8, 0x80 | (cp & 0x3F) as u8, 0], 2)
        } else {
            (
                [
                    0xE0 | (cp >> 12) as u8,
                    0x80 | ((cp >> 6) & 0x3F) as u8,
                    0x80 | (cp & 0x3F) as u8,
                ],
                3,
            )
        };
        i += 1;
    }
    out
};

/// Windows-1251 -> UTF-8 with a table: ASCII is copied, each high byte becomes 2-3 bytes.
pub fn decode_1251(bytes: &[u8]) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len() + bytes.len() / 2);
    for &b in bytes {
        if b < 0x80 {
            out.push(b);
        } else {
            let (utf8, len) = &CP1251_UTF8[usize::from(b - 0x80)];
            out.extend_from_slice(&utf8[..usize::from(*len)]);
        }
    }
    // Every table entry is a valid UTF-8 sequence, so this conversion cannot fail; the
    // fallback only keeps the function free of panics.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// "Клиент;Дата" in Windows-1251.
    const CLIENT_DATE_1251: &[u8] = &[
        0xCA, 0xEB, 0xE8, 0xE5, 0xED, 0xF2, b';', 0xC4, 0xE0, 0xF2, 0xE0,
    ];

    #[test]
    fn utf8_plain_borrows() {
        let d = decode("Клиент;Дата\n".as_bytes()).unwrap();
        assert_eq!(d.encoding, Encoding::Utf8);
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert_eq!(d.text, "Клиент;Дата\n");
    }

    #[test]
    fn utf8_bom_is_removed() {
        let mut bytes = UTF8_BOM.to_vec();
        bytes.extend_from_slice("a,b\n".as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, Encoding::Utf8Bom);
        assert_eq!(d.text, "a,b\n");
    }

    #[test]
    fn windows_1251_is_detected_and_decoded() {
        let d = decode(CLIENT_DATE_1251).unwrap();
        assert_eq!(d.encoding, Encoding::Windows1251);
        assert_eq!(d.text, "Клиент;Дата");
    }

    #[test]
    fn windows_1251_specials() {
        // Ё ё № « » NBSP and the euro sign.
        let bytes = [0xA8, 0xB8, 0xB9, 0xAB, 0xBB, 0xA0, 0x88, 0xC0, 0xFF];
        assert_eq!(decode_1251(&bytes), "Ёё№«»\u{a0}€Ая");
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in "Дата\tСумма\r\n".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        let d = decode(&le).unwrap();
        assert_eq!(
            (d.encoding, d.text.as_ref()),
            (Encoding::Utf16Le, "Дата\tСумма\r\n")
        );
        let d = decode(&be).unwrap();
        assert_eq!(
            (d.encoding, d.text.as_ref()),
            (Encoding::Utf16Be, "Дата\tСумма\r\n")
        );
    }

    #[test]
    fn truncated_utf8_stays_utf8() {
        let bytes = &"ИД,Я".as_bytes()[..6];
        let d = decode(bytes).unwrap();
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.replaced, 1);
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(decode(b""), Err(ImportError::Empty));
        assert_eq!(decode(b" \r\n\n"), Err(ImportError::Empty));
        assert_eq!(decode(UTF8_BOM), Err(ImportError::Empty));
        assert_eq!(
            decode(b"PK\x03\x04\x14\x00\x06\x00"),
            Err(ImportError::Binary)
        );
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            if let Ok(d) = decode(&bytes) {
                prop_assert!(!d.text.is_empty() || bytes.len() <= 2);
            }
            for enc in [Encoding::Utf8, Encoding::Utf16Le, Encoding::Utf16Be, Encoding::Windows1251] {
                let _ = decode_as(&bytes, enc);
            }
        }

        #[test]
        fn every_1251_byte_is_one_char(bytes in proptest::collection::vec(any::<u8>(), 0..100)) {
            prop_assert_eq!(decode_1251(&bytes).chars().count(), bytes.len());
        }
    }
}
