//! Made-up data for timings: a deterministic transactions file of any size and a reader for
//! summary tables such as the CDNOW sample. Used by the hand-run timings (`bench.rs`), by
//! the criterion benchmarks in `benches/` and by tests; no user ever sees its data.

use super::clv::CustomerSummary;
use chrono::{Datelike, Days, NaiveDate};

/// xorshift64*: a deterministic generator for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// `rows` transactions of 50,000 clients over three years, like a Russian Excel export:
/// a header `Клиент;Дата;Сумма`, then `client;dd.mm.yyyy;amount,cc` lines. The same `rows`
/// always gives the same text.
pub fn generate(rows: usize) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let start = NaiveDate::from_ymd_opt(2022, 1, 1).expect("a real date");
    let mut text = String::with_capacity(rows * 26 + 32);
    text.push_str("Клиент;Дата;Сумма\n");
    for _ in 0..rows {
        // Skewed client popularity: a few big clients, many small ones.
        let client = (rng.below(50_000) * rng.below(50_000) / 50_000) + 1;
        let date = start + Days::new(rng.below(1096));
        let (y, m, d) = (date.year(), date.month(), date.day());
        let rubles = 100 + rng.below(20_000);
        let kopecks = rng.below(100);
        text.push_str(&format!(
            "C{client:05};{d:02}.{m:02}.{y};{rubles},{kopecks:02}\n"
        ));
    }
    text
}

/// Customer summaries from a CSV of `ID,x,t_x,T,zbar` (frequency, recency, age, mean repeat
/// spend), the layout of `tests/fixtures/cdnow_summary.csv`. The header and any line that is
/// not five numbers are skipped.
pub fn customer_summaries(csv: &str) -> Vec<CustomerSummary> {
    csv.lines()
        .filter_map(|l| {
            let v: Vec<f64> = l.trim().split(',').filter_map(|s| s.parse().ok()).collect();
            (v.len() == 5).then(|| CustomerSummary {
                frequency: v[1],
                recency: v[2],
                t: v[3],
                monetary: v[4],
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generate_is_deterministic_and_shaped() {
        let text = generate(100);
        assert_eq!(text, generate(100));
        assert_eq!(text.lines().count(), 101);
        assert_eq!(text.lines().next(), Some("Клиент;Дата;Сумма"));
        for line in text.lines().skip(1) {
            let parts: Vec<&str> = line.split(';').collect();
            assert_eq!(parts.len(), 3, "{line}");
            assert!(parts[0].starts_with('C'), "{line}");
            assert_eq!(parts[1].len(), 10, "{line}");
            assert!(parts[2].contains(','), "{line}");
        }
    }

    #[test]
    fn cdnow_summary_reads_every_customer() {
        let customers =
            customer_summaries(include_str!("../../../tests/fixtures/cdnow_summary.csv"));
        assert_eq!(customers.len(), 2357);
        assert_eq!(customers[0].frequency, 2.0);
        assert_eq!(customers[0].monetary, 22.35);
    }
}
