//! Turning repeated texts (client ids, manager names) into small numbers while reading.

use std::hash::{BuildHasherDefault, Hasher};

/// A fast non-cryptographic hasher (FxHash's step, MurmurHash3's finalizer). The data is the
/// user's own file on the user's own machine, so hash flooding is not a concern; speed is.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(little_endian_word(chunk));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.add(little_endian_word(rest) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        // The multiply leaves the low bits weak; the table indexes by low bits, so mix.
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x
    }
}

pub type FastBuild = BuildHasherDefault<FastHasher>;

/// The hash of a text, without the `Hasher` plumbing (the hot path of the import).
#[inline]
pub fn hash_text(text: &str) -> u64 {
    let mut h = FastHasher::default();
    h.write(text.as_bytes());
    h.finish()
}

/// Gives each distinct text a number 0, 1, 2 ... in order of first appearance.
///
/// An open-addressing table over one contiguous buffer of the texts. Each slot holds the
/// text's first 8 bytes, its length and part of its hash, so a lookup of a short id (up to 8
/// bytes) touches one slot only, and a longer one compares the rest in the buffer.
#[derive(Clone)]
pub struct Interner {
    /// Length is a power of two; `id_plus_one == 0` marks an empty slot.
    slots: Vec<Slot>,
    /// All texts back to back; text `i` is `buffer[ends[i - 1]..ends[i]]`.
    buffer: Vec<u8>,
    ends: Vec<usize>,
    hashes: Vec<u64>,
}

#[derive(Clone, Copy, Default)]
struct Slot {
    head: u64,
    /// High 32 bits of the hash, xor the length.
    check: u32,
    id_plus_one: u32,
}

impl Default for Interner {
    fn default() -> Self {
        Interner::new()
    }
}

/// The first 8 bytes of a text as a word (zero-padded).
#[inline]
fn head(bytes: &[u8]) -> u64 {
    little_endian_word(&bytes[..bytes.len().min(8)])
}

/// Up to 8 bytes as a little-endian word, zero-padded. Byte by byte on purpose: a copy of
/// a variable length becomes a `memory.copy` call in wasm, which costs more than the loop
/// for a few bytes (this is the import's hot path).
#[inline]
pub fn little_endian_word(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .take(8)
        .enumerate()
        .fold(0, |word, (i, &b)| word | u64::from(b) << (8 * i))
}

impl Interner {
    pub fn new() -> Self {
        Interner {
            slots: vec![Slot::default(); 1024],
            buffer: Vec::new(),
            ends: Vec::new(),
            hashes: Vec::new(),
        }
    }

    /// An interner where the empty text is number 0 (for optional columns: 0 = not given).
    pub fn with_empty_first() -> Self {
        let mut interner = Interner::new();
        interner.id("");
        interner
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    #[inline]
    fn bytes(&self, id: usize) -> &[u8] {
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        self.buffer.get(start..self.ends[id]).unwrap_or(&[])
    }

    /// The number of `text`, giving it the next number if it is new.
    #[inline]
    pub fn id(&mut self, text: &str) -> u32 {
        self.id_hashed(text, hash_text(text))
    }

    /// Loads the slot where a lookup of `hash` starts and returns a word of it, so that a
    /// batch of lookups can first bring their slots into the cache together (wasm has no
    /// prefetch instruction; independent loads in a row overlap their cache misses).
    #[inline]
    pub fn touch(&self, hash: u64) -> u32 {
        self.slots[hash as usize & (self.slots.len() - 1)].id_plus_one
    }

    /// [`Interner::id`] with the text's [`hash_text`] already computed.
    #[inline]
    pub fn id_hashed(&mut self, text: &str, hash: u64) -> u32 {
        debug_assert_eq!(hash, hash_text(text));
        let bytes = text.as_bytes();
        let wanted = Slot {
            head: head(bytes),
            check: (hash >> 32) as u32 ^ bytes.len() as u32,
            id_plus_one: 0,
        };
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.id_plus_one == 0 {
                break;
            }
            if slot.head == wanted.head
                && slot.check == wanted.check
                && (bytes.len() <= 8 || self.bytes(slot.id_plus_one as usize - 1) == bytes)
            {
                return slot.id_plus_one - 1;
            }
            i = (i + 1) & mask;
        }
        let id = self.ends.len();
        self.slots[i] = Slot {
            id_plus_one: id as u32 + 1,
            ..wanted
        };
        self.hashes.push(hash);
        self.buffer.extend_from_slice(bytes);
        self.ends.push(self.buffer.len());
        // Keep the table at most half full so probes stay short.
        if self.ends.len() * 2 > self.slots.len() {
            self.grow();
        }
        id as u32
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        let mut slots = vec![Slot::default(); old.len() * 2];
        let mask = slots.len() - 1;
        for slot in old.into_iter().filter(|s| s.id_plus_one != 0) {
            let hash = self.hashes[slot.id_plus_one as usize - 1];
            let mut i = hash as usize & mask;
            while slots[i].id_plus_one != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = slot;
        }
        self.slots = slots;
    }

    /// The texts, indexed by their numbers, the table kept.
    pub fn names(&self) -> Vec<String> {
        (0..self.len())
            .map(|id| String::from_utf8_lossy(self.bytes(id)).into_owned())
            .collect()
    }

    /// The texts, indexed by their numbers.
    pub fn into_names(self) -> Vec<String> {
        self.names()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_order_of_appearance() {
        let mut i = Interner::new();
        assert_eq!(i.id("b"), 0);
        assert_eq!(i.id("a"), 1);
        assert_eq!(i.id("b"), 0);
        assert_eq!(i.len(), 2);
        assert_eq!(i.into_names(), vec!["b".to_string(), "a".to_string()]);
    }

    #[test]
    fn empty_first() {
        let mut i = Interner::with_empty_first();
        assert_eq!(i.id(""), 0);
        assert_eq!(i.id("Иванов"), 1);
    }

    #[test]
    fn many_texts_survive_growing() {
        let mut i = Interner::new();
        for n in 0..10_000 {
            assert_eq!(i.id(&format!("client {n}")), n);
        }
        for n in (0..10_000).rev() {
            assert_eq!(i.id(&format!("client {n}")), n);
        }
        let names = i.into_names();
        assert_eq!(names[1234], "client 1234");
    }

    #[test]
    fn short_and_long_texts_with_equal_heads() {
        let mut i = Interner::new();
        assert_eq!(i.id("12345678"), 0);
        assert_eq!(i.id("12345678A"), 1);
        assert_eq!(i.id("12345678B"), 2);
        assert_eq!(i.id("1234567"), 3);
        assert_eq!(i.id("1234567\0"), 4);
        assert_eq!(i.id("12345678B"), 2);
        assert_eq!(i.id("1234567"), 3);
    }

    #[test]
    fn ids_differing_in_last_char_spread() {
        let mut low_bits = std::collections::HashSet::new();
        for n in 0..256 {
            low_bits.insert(hash_text(&format!("C00000{n:03}")) & 0xFF);
        }
        // 256 keys into 256 buckets: a good hash fills well over half of them.
        assert!(low_bits.len() > 140, "{}", low_bits.len());
    }
}
