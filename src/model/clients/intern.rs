//! Turning repeated texts (client ids, manager names) into small numbers while reading.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast non-cryptographic hasher (FxHash's step, MurmurHash3's finalizer). The data is the
/// user's own file on the user's own machine, so hash flooding is not a concern; speed is.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FastHasher {
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

/// Gives each distinct text a number 0, 1, 2 ... in order of first appearance.
pub struct Interner<'a> {
    map: HashMap<Cow<'a, str>, u32, FastBuild>,
}

impl<'a> Interner<'a> {
    pub fn new() -> Self {
        Interner {
            map: HashMap::with_capacity_and_hasher(1024, FastBuild::default()),
        }
    }

    /// An interner where the empty text is number 0 (for optional columns: 0 = not given).
    pub fn with_empty_first() -> Self {
        let mut interner = Interner::new();
        interner.id(Cow::Borrowed(""));
        interner
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// The number of `text`, giving it the next number if it is new.
    pub fn id(&mut self, text: Cow<'a, str>) -> u32 {
        if let Some(&id) = self.map.get(text.as_ref()) {
            return id;
        }
        let id = self.map.len() as u32;
        self.map.insert(text, id);
        id
    }

    /// The texts, indexed by their numbers.
    pub fn into_names(self) -> Vec<String> {
        let mut names = vec![String::new(); self.map.len()];
        for (text, id) in self.map {
            if let Some(slot) = names.get_mut(id as usize) {
                *slot = text.into_owned();
            }
        }
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_order_of_appearance() {
        let mut i = Interner::new();
        assert_eq!(i.id("b".into()), 0);
        assert_eq!(i.id("a".into()), 1);
        assert_eq!(i.id(Cow::Owned("b".to_string())), 0);
        assert_eq!(i.len(), 2);
        assert_eq!(i.into_names(), vec!["b".to_string(), "a".to_string()]);
    }

    #[test]
    fn empty_first() {
        let mut i = Interner::with_empty_first();
        assert_eq!(i.id("".into()), 0);
        assert_eq!(i.id("Иванов".into()), 1);
    }

    #[test]
    fn ids_differing_in_last_char_spread() {
        use std::hash::BuildHasher;
        let build = FastBuild::default();
        let mut low_bits = std::collections::HashSet::new();
        for n in 0..256 {
            low_bits.insert(build.hash_one(format!("C00000{n:03}")) & 0xFF);
        }
        // 256 keys into 256 buckets: a good hash fills well over half of them.
        assert!(low_bits.len() > 140, "{}", low_bits.len());
    }
}
