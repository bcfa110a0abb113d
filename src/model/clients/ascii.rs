//! Byte checks of cell text that the record reader, the amount parser and the row parser
//! share (so none of them imports another for it).

/// A visible ASCII character (no space, control or non-ASCII byte): a cell that starts
/// (and ends) with one needs no trimming, which is nearly every cell, so the hot paths
/// check this before calling `trim`.
#[inline]
pub fn visible_ascii(byte: Option<&u8>) -> bool {
    byte.is_some_and(|&b| b > b' ' && b < 0x80)
}
