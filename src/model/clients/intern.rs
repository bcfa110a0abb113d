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
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
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
/// An open-addressing table of numbers over one contiguous buffer of the texts: the lookups
/// stay in a few hundred kilobytes of cache instead of chasing keys through the whole file.
pub struct Interner {
    /// Per slot: number + 1 of the text (0 = empty) and the high half of its hash, which
    /// rules out almost every non-matching slot without touching the texts. Length is a
    /// power of two.
    slots: Vec<(u32, u32)>,
    hashes: Vec<u64>,
    /// All texts back to back; text `i` is `buffer[ends[i - 1]..ends[i]]`.
    buffer: String,
    ends: Vec<usize>,
}

impl Default for Interner {
    fn default() -> Self {
        Interner::new()
    }
}

impl Interner {
    pub fn new() -> Self {
        Interner {
            slots: vec![(0, 0); 1024],
            hashes: Vec::new(),
            buffer: String::new(),
            ends: Vec::new(),
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
    fn text(&self, id: usize) -> &str {
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        self.buffer.get(start..self.ends[id]).unwrap_or("")
    }

    /// The number of `text`, giving it the next number if it is new.
    #[inline]
    pub fn id(&mut self, text: &str) -> u32 {
        let hash = hash_text(text);
        let tag = (hash >> 32) as u32;
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            match self.slots[i] {
                (0, _) => break,
                (slot, slot_tag) => {
                    let id = slot as usize - 1;
                    if slot_tag == tag && self.text(id) == text {
                        return id as u32;
                    }
                }
            }
            i = (i + 1) & mask;
        }
        let id = self.ends.len();
        self.slots[i] = (id as u32 + 1, tag);
        self.hashes.push(hash);
        self.buffer.push_str(text);
        self.ends.push(self.buffer.len());
        // Keep the table at most half full so probes stay short.
        if self.ends.len() * 2 > self.slots.len() {
            self.grow();
        }
        id as u32
    }

    fn grow(&mut self) {
        let mut slots = vec![(0u32, 0u32); self.slots.len() * 2];
        let mask = slots.len() - 1;
        for (id, &hash) in self.hashes.iter().enumerate() {
            let mut i = hash as usize & mask;
            while slots[i].0 != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = (id as u32 + 1, (hash >> 32) as u32);
        }
        self.slots = slots;
    }

    /// The texts, indexed by their numbers.
    pub fn into_names(self) -> Vec<String> {
        (0..self.len())
            .map(|id| self.text(id).to_string())
            .collect()
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
        assert_eq!(i.id(&"b".to_string()), 0);
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
    fn ids_differing_in_last_char_spread() {
        let mut low_bits = std::collections::HashSet::new();
        for n in 0..256 {
            low_bits.insert(hash_text(&format!("C00000{n:03}")) & 0xFF);
        }
        // 256 keys into 256 buckets: a good hash fills well over half of them.
        assert!(low_bits.len() > 140, "{}", low_bits.len());
    }
}
