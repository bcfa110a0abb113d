//! A minimal ZIP writer: entries with CRC-32, stored (uncompressed) or compressed by a
//! deflate function the caller passes. The workbook of a plan is a few dozen kilobytes and
//! is written in the page, so it is stored: a deflate encoder would cost the first load more
//! than it saves. The clients export (tens of megabytes) is written in the import worker,
//! which passes [`super::deflate::deflate`]; only the worker's wasm links it.

/// CRC-32 (IEEE 802.3, reflected, as ZIP uses it).
pub fn crc32(data: &[u8]) -> u32 {
    let table = crc_table();
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc = table[((crc ^ u32::from(byte)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    for (n, slot) in table.iter_mut().enumerate() {
        let mut c = n as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *slot = c;
    }
    table
}

/// 1980-01-01 00:00, the earliest DOS date: the file's content, not its time, matters.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

/// A deflate encoder: raw deflate data (no zlib header) of its input.
pub type Compress = fn(&[u8]) -> Vec<u8>;

/// Packs `(path, content)` entries into a ZIP archive, each deflated by `compress` when one
/// is given (and it makes the entry smaller), else stored.
pub fn zip<S: AsRef<str>>(entries: &[(S, Vec<u8>)], compress: Option<Compress>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let size = data.len() as u32;
        let deflated = compress.map(|f| f(data)).filter(|d| d.len() < data.len());
        let (method, body): (u16, &[u8]) = match &deflated {
            Some(d) => (8, d),
            None => (0, data),
        };
        let stored_size = body.len() as u32;
        let name = name.as_ref().as_bytes();
        // Local file header.
        put32(&mut out, 0x0403_4b50);
        put16(&mut out, 20); // version needed: 2.0
        put16(&mut out, 0); // flags
        put16(&mut out, method); // 0 stored, 8 deflated
        put16(&mut out, DOS_TIME);
        put16(&mut out, DOS_DATE);
        put32(&mut out, crc);
        put32(&mut out, stored_size);
        put32(&mut out, size);
        put16(&mut out, name.len() as u16);
        put16(&mut out, 0); // extra field length
        out.extend_from_slice(name);
        out.extend_from_slice(body);
        // Its central directory record.
        put32(&mut central, 0x0201_4b50);
        put16(&mut central, 20); // made by
        put16(&mut central, 20); // needed
        put16(&mut central, 0);
        put16(&mut central, method);
        put16(&mut central, DOS_TIME);
        put16(&mut central, DOS_DATE);
        put32(&mut central, crc);
        put32(&mut central, stored_size);
        put32(&mut central, size);
        put16(&mut central, name.len() as u16);
        put16(&mut central, 0); // extra
        put16(&mut central, 0); // comment
        put16(&mut central, 0); // disk
        put16(&mut central, 0); // internal attributes
        put32(&mut central, 0); // external attributes
        put32(&mut central, offset);
        central.extend_from_slice(name);
    }
    let central_offset = out.len() as u32;
    let central_size = central.len() as u32;
    out.extend_from_slice(&central);
    // End of central directory.
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0);
    put16(&mut out, 0);
    put16(&mut out, entries.len() as u16);
    put16(&mut out, entries.len() as u16);
    put32(&mut out, central_size);
    put32(&mut out, central_offset);
    put16(&mut out, 0); // comment length
    out
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    #[test]
    fn crc32_known_values() {
        // The standard check value of CRC-32.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"a"), 0xE8B7_BE43);
    }

    /// Reads an archive back: (name, content) per central directory record, checking that
    /// its local header agrees (method, CRC, sizes, name), that the entries and the
    /// directory fill the file, inflating deflated entries (with miniz_oxide, an
    /// independent decoder) and checking each content's length and CRC-32.
    pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
        let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]) as usize;
        let u32_at =
            |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
        let eocd = bytes.len() - 22;
        assert_eq!(u32_at(eocd), 0x0605_4b50);
        let count = u16_at(eocd + 10);
        assert_eq!(u16_at(eocd + 8), count);
        let dir_size = u32_at(eocd + 12) as usize;
        let mut at = u32_at(eocd + 16) as usize;
        assert_eq!(
            at + dir_size,
            eocd,
            "the directory ends where its end record starts"
        );
        let mut entries = Vec::new();
        let mut next_local = 0;
        for _ in 0..count {
            assert_eq!(u32_at(at), 0x0201_4b50);
            let method = u16_at(at + 10);
            let crc = u32_at(at + 16);
            let compressed = u32_at(at + 20) as usize;
            let size = u32_at(at + 24) as usize;
            let name_len = u16_at(at + 28);
            let local = u32_at(at + 42) as usize;
            let name = String::from_utf8(bytes[at + 46..at + 46 + name_len].to_vec()).unwrap();
            assert_eq!(local, next_local, "entries follow one another");
            assert_eq!(u32_at(local), 0x0403_4b50);
            assert_eq!(u16_at(local + 8), method);
            assert_eq!(u32_at(local + 14), crc);
            assert_eq!(u32_at(local + 18) as usize, compressed);
            assert_eq!(u32_at(local + 22) as usize, size);
            assert_eq!(u16_at(local + 26), name_len);
            assert_eq!(&bytes[local + 30..local + 30 + name_len], name.as_bytes());
            let start = local + 30 + name_len + u16_at(local + 28);
            let body = &bytes[start..start + compressed];
            next_local = start + compressed;
            let data = match method {
                0 => body.to_vec(),
                8 => miniz_oxide::inflate::decompress_to_vec(body).unwrap(),
                m => panic!("method {m}"),
            };
            assert_eq!(data.len(), size);
            assert_eq!(crc32(&data), crc);
            entries.push((name, data));
            at += 46 + name_len;
        }
        assert_eq!(
            next_local,
            u32_at(eocd + 16) as usize,
            "the directory follows the entries"
        );
        entries
    }

    #[test]
    fn archive_round_trip() {
        let entries = vec![
            ("a.txt", b"hello".to_vec()),
            ("dir/b.xml", b"<x/>".to_vec()),
            ("c.xml", b"<row/>".repeat(1000)),
        ];
        let stored = zip(&entries, None);
        let deflated = zip(&entries, Some(super::super::deflate::deflate));
        let expected: Vec<(String, Vec<u8>)> = entries
            .iter()
            .map(|(n, d)| (n.to_string(), d.clone()))
            .collect();
        assert_eq!(unzip(&stored), expected);
        assert_eq!(unzip(&deflated), expected);
        // Tiny entries stay stored (deflate would make them larger); the large one shrinks.
        assert!(deflated.len() < stored.len() - 5000);
    }
}
