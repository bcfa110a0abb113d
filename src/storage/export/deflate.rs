//! The deflate encoder for exports written in the import worker (the clients workbook).
//! Kept apart and named only by the worker's code, so miniz_oxide's encoder is linked into
//! the worker's wasm and never into the page's first load.

/// On the 50,000-client workbook (47 MB stored), natively: level 1 makes it 6.6x smaller in
/// 0.1 s, level 3 9.3x in 0.3 s, level 6 10.3x in 0.9 s. Level 3 is most of the gain for a
/// third of the wait.
const LEVEL: u8 = 3;

/// Raw deflate data of `data`, as a ZIP entry holds it.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(data, LEVEL)
}
