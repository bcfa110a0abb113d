//! Reading a ZIP archive the way an .xlsx is one: the central directory (at the end) lists
//! the parts; each is stored or deflated (inflated with miniz_oxide, a piece at a time, so a
//! large sheet is never held whole) and checked against its CRC-32.

use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

use super::WorkbookError;

/// One part as the central directory describes it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub name: String,
    method: u16,
    flags: u16,
    crc: u32,
    compressed: usize,
    pub size: usize,
    local_offset: usize,
}

pub struct Archive<'a> {
    bytes: &'a [u8],
    pub entries: Vec<Entry>,
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*b.get(i)?, *b.get(i + 1)?]))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    let s = b.get(i..i.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

const EOCD: u32 = 0x0605_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const LOCAL: u32 = 0x0403_4b50;

impl<'a> Archive<'a> {
    /// Reads the central directory. A damaged or truncated archive is `Damaged`; ZIP64
    /// (over 65,535 parts or 4 GB, which no sales export reaches) is `Unsupported`.
    pub fn open(bytes: &'a [u8]) -> Result<Self, WorkbookError> {
        use WorkbookError::{Damaged, Unsupported};
        // The end record is in the last 22 bytes plus at most a 65,535-byte comment.
        let lowest = bytes.len().saturating_sub(22 + 0xFFFF);
        let eocd = (lowest..=bytes.len().saturating_sub(22))
            .rev()
            .find(|&i| u32_at(bytes, i) == Some(EOCD))
            .ok_or(Damaged)?;
        let count = u16_at(bytes, eocd + 10).ok_or(Damaged)?;
        let dir_size = u32_at(bytes, eocd + 12).ok_or(Damaged)?;
        let dir_offset = u32_at(bytes, eocd + 16).ok_or(Damaged)?;
        if count == 0xFFFF || dir_size == 0xFFFF_FFFF || dir_offset == 0xFFFF_FFFF {
            return Err(Unsupported);
        }
        let mut entries = Vec::with_capacity(usize::from(count));
        let mut at = dir_offset as usize;
        for _ in 0..count {
            if u32_at(bytes, at) != Some(CENTRAL) {
                return Err(Damaged);
            }
            let field = |off: usize| u32_at(bytes, at + off).ok_or(Damaged);
            let half = |off: usize| u16_at(bytes, at + off).map(usize::from).ok_or(Damaged);
            let flags = half(8)? as u16;
            let method = half(10)? as u16;
            let crc = field(16)?;
            let compressed = field(20)?;
            let size = field(24)?;
            let name_len = half(28)?;
            let extra_len = half(30)?;
            let comment_len = half(32)?;
            let local_offset = field(42)?;
            if compressed == 0xFFFF_FFFF || size == 0xFFFF_FFFF || local_offset == 0xFFFF_FFFF {
                return Err(Unsupported);
            }
            let name = bytes.get(at + 46..at + 46 + name_len).ok_or(Damaged)?;
            entries.push(Entry {
                name: String::from_utf8_lossy(name).into_owned(),
                method,
                flags,
                crc,
                compressed: compressed as usize,
                size: size as usize,
                local_offset: local_offset as usize,
            });
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(Archive { bytes, entries })
    }

    /// The part named `name` (part names compare without regard to ASCII case, as OPC says;
    /// a leading `/` is ignored).
    pub fn find(&self, name: &str) -> Option<&Entry> {
        let name = name.trim_start_matches('/');
        self.entries
            .iter()
            .find(|e| e.name.trim_start_matches('/').eq_ignore_ascii_case(name))
    }

    /// The part's stored bytes (compressed or not), after its local header.
    fn raw(&self, entry: &Entry) -> Result<&'a [u8], WorkbookError> {
        let at = entry.local_offset;
        if u32_at(self.bytes, at) != Some(LOCAL) {
            return Err(WorkbookError::Damaged);
        }
        let name_len = usize::from(u16_at(self.bytes, at + 26).ok_or(WorkbookError::Damaged)?);
        let extra_len = usize::from(u16_at(self.bytes, at + 28).ok_or(WorkbookError::Damaged)?);
        let start = at + 30 + name_len + extra_len;
        self.bytes
            .get(start..start.saturating_add(entry.compressed))
            .ok_or(WorkbookError::Damaged)
    }

    /// Feeds the part's content to `sink` a piece at a time (each piece at most 1 MB), then
    /// checks its length and CRC-32. `sink` may stop the read with its own error.
    pub fn stream(
        &self,
        entry: &Entry,
        sink: &mut dyn FnMut(&[u8]) -> Result<(), WorkbookError>,
    ) -> Result<(), WorkbookError> {
        if entry.flags & 1 != 0 {
            return Err(WorkbookError::Protected);
        }
        let raw = self.raw(entry)?;
        let mut crc = Crc32::new();
        let mut total = 0usize;
        let mut take = |piece: &[u8]| {
            crc.update(piece);
            total += piece.len();
            if total > entry.size {
                // More than the directory said: damaged (or a bomb), stop at once.
                return Err(WorkbookError::Damaged);
            }
            sink(piece)
        };
        match entry.method {
            0 => {
                for piece in raw.chunks(PIECE) {
                    take(piece)?;
                }
            }
            8 => {
                let mut state = InflateState::new_boxed(DataFormat::Raw);
                let mut out = vec![0u8; PIECE];
                let mut input = raw;
                loop {
                    let result = inflate(&mut state, input, &mut out, MZFlush::None);
                    input = &input[result.bytes_consumed..];
                    take(&out[..result.bytes_written])?;
                    match result.status {
                        Ok(MZStatus::StreamEnd) => break,
                        Ok(_) if result.bytes_consumed > 0 || result.bytes_written > 0 => {}
                        // Out of input before the stream's end, or bad data.
                        Ok(_) | Err(MZError::Buf) | Err(_) => return Err(WorkbookError::Damaged),
                    }
                }
            }
            _ => return Err(WorkbookError::Unsupported),
        }
        if total != entry.size || crc.finish() != entry.crc {
            return Err(WorkbookError::Damaged);
        }
        Ok(())
    }

    /// The whole content of a (small) part.
    pub fn read(&self, entry: &Entry, limit: usize) -> Result<Vec<u8>, WorkbookError> {
        if entry.size > limit {
            return Err(WorkbookError::TooLarge);
        }
        let mut out = Vec::with_capacity(entry.size);
        self.stream(entry, &mut |piece| {
            out.extend_from_slice(piece);
            Ok(())
        })?;
        Ok(out)
    }
}

/// Bytes inflated at a time.
const PIECE: usize = 1 << 20;

/// CRC-32 (IEEE, reflected, as ZIP uses it), eight bytes at a step: a sheet can be hundreds
/// of megabytes of XML.
pub struct Crc32 {
    table: Box<[[u32; 256]; 8]>,
    crc: u32,
}

impl Crc32 {
    pub fn new() -> Self {
        let mut table = Box::new([[0u32; 256]; 8]);
        for n in 0..256 {
            let mut c = n as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            table[0][n] = c;
        }
        for n in 0..256 {
            for k in 1..8 {
                let prev = table[k - 1][n];
                table[k][n] = (prev >> 8) ^ table[0][(prev & 0xFF) as usize];
            }
        }
        Crc32 {
            table,
            crc: 0xFFFF_FFFF,
        }
    }

    pub fn update(&mut self, data: &[u8]) {
        let t = &self.table;
        let mut crc = self.crc;
        let mut chunks = data.chunks_exact(8);
        for c in &mut chunks {
            let lo = crc ^ u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
            let hi = u32::from_le_bytes([c[4], c[5], c[6], c[7]]);
            crc = t[7][(lo & 0xFF) as usize]
                ^ t[6][((lo >> 8) & 0xFF) as usize]
                ^ t[5][((lo >> 16) & 0xFF) as usize]
                ^ t[4][(lo >> 24) as usize]
                ^ t[3][(hi & 0xFF) as usize]
                ^ t[2][((hi >> 8) & 0xFF) as usize]
                ^ t[1][((hi >> 16) & 0xFF) as usize]
                ^ t[0][(hi >> 24) as usize];
        }
        for &b in chunks.remainder() {
            crc = t[0][((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
        }
        self.crc = crc;
    }

    pub fn finish(&self) -> u32 {
        !self.crc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_known_values_in_any_pieces() {
        let mut c = Crc32::new();
        c.update(b"123456789");
        assert_eq!(c.finish(), 0xCBF4_3926);
        let text: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut whole = Crc32::new();
        whole.update(&text);
        let mut parts = Crc32::new();
        for piece in text.chunks(13) {
            parts.update(piece);
        }
        assert_eq!(whole.finish(), parts.finish());
        assert_eq!(Crc32::new().finish(), 0);
    }

    #[test]
    fn truncated_archives_are_damaged() {
        assert!(matches!(
            Archive::open(b"PK\x03\x04"),
            Err(WorkbookError::Damaged)
        ));
        assert!(matches!(Archive::open(b""), Err(WorkbookError::Damaged)));
    }
}
