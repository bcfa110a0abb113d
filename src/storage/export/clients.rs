//! The per-client table of a client-base analysis (segment, RFM, ABC/XYZ, predicted value),
//! for CSV and Excel. Every number is a field of the analysis; nothing is computed here.

use crate::i18n::clients::{abc_name, segment_name, xyz_name};
use crate::i18n::{tr, Lang};
use crate::model::clients::dates::format_iso;
use crate::model::clients::Analysis;

use super::{Cell, NumberFormat, Sheet, Table};

/// One row per client, in the analysis' order.
pub fn client_table(analysis: &Analysis, lang: Lang) -> Table {
    let t = |ru, en| tr(lang, ru, en).to_string();
    let headers = vec![
        t("Клиент", "Client"),
        t("Выручка", "Revenue"),
        t("Покупок (дней)", "Purchases (days)"),
        t("Строк", "Rows"),
        t("Первая покупка", "First purchase"),
        t("Последняя покупка", "Last purchase"),
        t("Дней с последней покупки", "Days since last purchase"),
        t("Средний чек", "Average check"),
        "ABC".to_string(),
        "XYZ".to_string(),
        t("Вариация, %", "Variation, %"),
        "R".to_string(),
        "F".to_string(),
        "M".to_string(),
        t("Сегмент RFM", "RFM segment"),
        t("Менеджер", "Manager"),
        t("Сегмент из файла", "Segment from the file"),
        t("Ожидаемых покупок", "Expected purchases"),
        t("Вероятность активности, %", "Probability alive, %"),
        t("Ожидаемый чек", "Expected spend"),
        t("Прогноз ценности", "Predicted value"),
    ];
    let rows = analysis
        .clients
        .iter()
        .map(|c| {
            let p = c.predicted;
            vec![
                Cell::text(c.id.clone()),
                Cell::number(c.revenue, NumberFormat::Money),
                Cell::number(f64::from(c.purchases), NumberFormat::Integer),
                Cell::number(f64::from(c.transactions), NumberFormat::Integer),
                Cell::text(format_iso(c.first_day)),
                Cell::text(format_iso(c.last_day)),
                Cell::number(f64::from(c.recency_days), NumberFormat::Integer),
                Cell::number(c.avg_check, NumberFormat::Money),
                Cell::text(abc_name(c.abc)),
                Cell::text(xyz_name(c.xyz)),
                Cell::maybe(c.cv_pct, NumberFormat::Decimal1),
                Cell::number(f64::from(c.r), NumberFormat::Integer),
                Cell::number(f64::from(c.f), NumberFormat::Integer),
                Cell::number(f64::from(c.m), NumberFormat::Integer),
                Cell::text(segment_name(c.segment, lang)),
                Cell::text(c.manager.clone()),
                Cell::text(c.client_segment.clone()),
                Cell::maybe(p.map(|p| p.expected_purchases), NumberFormat::Decimal1),
                Cell::maybe(
                    p.map(|p| p.probability_alive * 100.0),
                    NumberFormat::Percent,
                ),
                Cell::maybe(p.map(|p| p.expected_avg_spend), NumberFormat::Money),
                Cell::maybe(p.map(|p| p.predicted_value), NumberFormat::Money),
            ]
        })
        .collect();
    Table {
        id: "clients",
        title: t("Клиенты", "Clients"),
        headers,
        rows,
        note: None,
    }
}

/// The workbook's one sheet.
pub fn client_sheet(analysis: &Analysis, lang: Lang) -> Sheet {
    Sheet {
        name: tr(lang, "Клиенты", "Clients").to_string(),
        tables: vec![client_table(analysis, lang)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::clients::{analyze, AnalysisSettings, TransactionSet};

    #[test]
    fn a_row_per_client_with_numbers_as_numbers() {
        let data = TransactionSet::from_triples([
            ("c1", 19_000, 100.0),
            ("c1", 19_030, 50.0),
            ("c2", 19_010, 70.0),
        ]);
        let analysis = analyze(&data, &AnalysisSettings::default()).unwrap();
        let table = client_table(&analysis, Lang::En);
        assert_eq!(table.rows.len(), 2);
        assert!(table.rows.iter().all(|r| r.len() == table.headers.len()));
        let c1 = table
            .rows
            .iter()
            .find(|r| r[0] == Cell::text("c1"))
            .unwrap();
        assert_eq!(c1[1], Cell::Number(150.0, NumberFormat::Money));
        assert_eq!(c1[2], Cell::Number(2.0, NumberFormat::Integer));
        // No prediction attached yet: empty cells, never NaN.
        assert_eq!(c1[20], Cell::Empty);
    }
}
