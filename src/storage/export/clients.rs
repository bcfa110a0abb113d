//! The per-client table of a client-base analysis (segment, RFM, ABC/XYZ, predicted value),
//! for CSV and Excel, and the forecast's model (parameters at full precision, horizon, rate,
//! the holdout check). Every number is a field of the analysis or the forecast; nothing is
//! computed here.

use crate::i18n::clients::{abc_name, fit_verdict, segment_name, xyz_name};
use crate::i18n::forecast::{frequency_group, horizon_text, rate_text};
use crate::i18n::{tr, Lang};
use crate::model::clients::clv::GROUPS;
use crate::model::clients::dates::format_iso;
use crate::model::clients::{Analysis, Forecast};
use crate::model::Currency;

use super::{Cell, NumberFormat, Sheet, Table};

/// One row per client, in the analysis' order. The forecast's columns name its horizon and
/// discount rate; money columns name the currency.
pub fn client_table(
    analysis: &Analysis,
    forecast: Option<&Forecast>,
    currency: Currency,
    lang: Lang,
) -> Table {
    let t = |ru, en| tr(lang, ru, en).to_string();
    let money = |ru, en| format!("{} ({})", tr(lang, ru, en), currency.code());
    let horizon = forecast.map_or(String::new(), |f| {
        let h = horizon_text(f.horizon, f.horizon_unit, lang);
        match lang {
            Lang::Ru => format!(" за {h}"),
            Lang::En => format!(" over {h}"),
        }
    });
    let rate = forecast.map_or(String::new(), |f| {
        let r = rate_text(f.monthly_discount_pct, lang);
        match lang {
            Lang::Ru => format!(", ставка {r} в мес."),
            Lang::En => format!(", discounted at {r} a month"),
        }
    });
    let headers = vec![
        t("Клиент", "Client"),
        money("Выручка", "Revenue"),
        t("Покупок (дней)", "Purchases (days)"),
        t("Строк", "Rows"),
        t("Первая покупка", "First purchase"),
        t("Последняя покупка", "Last purchase"),
        t("Дней с последней покупки", "Days since last purchase"),
        money("Средний чек", "Average check"),
        "ABC".to_string(),
        "XYZ".to_string(),
        t("Вариация, %", "Variation, %"),
        "R".to_string(),
        "F".to_string(),
        "M".to_string(),
        t("Сегмент RFM", "RFM segment"),
        t("Менеджер", "Manager"),
        t("Сегмент из файла", "Segment from the file"),
        format!("{}{horizon}", t("Ожидаемых покупок", "Expected purchases")),
        t("Вероятность активности (0–1)", "Probability alive (0-1)"),
        money("Ожидаемый чек", "Expected spend"),
        format!(
            "{}{horizon}{rate} ({})",
            t("Прогноз ценности", "Predicted value"),
            currency.code()
        ),
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
                Cell::maybe(p.map(|p| p.expected_purchases), NumberFormat::Exact),
                Cell::maybe(p.map(|p| p.probability_alive), NumberFormat::Probability),
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

/// The forecast's model: the parameters and likelihoods at full precision, the horizon,
/// the rate and the verdict, and the holdout check when there is one.
pub fn model_table(f: &Forecast, lang: Lang) -> Table {
    let t = |ru, en| tr(lang, ru, en).to_string();
    let exact =
        |label: String, v: f64| vec![Cell::text(label), Cell::number(v, NumberFormat::Exact)];
    let mut rows = vec![vec![
        Cell::text(t("Вывод", "Verdict")),
        Cell::text(fit_verdict(f.verdict, lang)),
    ]];
    if let Some(bg) = &f.bgnbd {
        let unit = match f.time_unit {
            crate::model::clients::clv::TimeUnit::Days => t("в днях", "per day"),
            crate::model::clients::clv::TimeUnit::Weeks => t("в неделях", "per week"),
        };
        rows.push(exact("BG/NBD r".into(), bg.params.r));
        rows.push(exact(format!("BG/NBD alpha ({unit})"), bg.params.alpha));
        rows.push(exact("BG/NBD a".into(), bg.params.a));
        rows.push(exact("BG/NBD b".into(), bg.params.b));
        rows.push(exact(
            format!("BG/NBD {}", t("лог-правдоподобие", "log-likelihood")),
            bg.log_likelihood,
        ));
    }
    if let Some(gg) = &f.gamma_gamma {
        rows.push(exact("Gamma-Gamma p".into(), gg.params.p));
        rows.push(exact("Gamma-Gamma q".into(), gg.params.q));
        rows.push(exact("Gamma-Gamma v".into(), gg.params.v));
        rows.push(exact(
            format!("Gamma-Gamma {}", t("лог-правдоподобие", "log-likelihood")),
            gg.log_likelihood,
        ));
    }
    rows.push(vec![
        Cell::text(t("Горизонт", "Horizon")),
        Cell::text(horizon_text(f.horizon, f.horizon_unit, lang)),
    ]);
    rows.push(vec![
        Cell::text(t(
            "Ставка дисконтирования в месяц",
            "Discount rate per month",
        )),
        Cell::number(f.monthly_discount_pct, NumberFormat::Percent),
    ]);
    if let Some(h) = &f.holdout {
        rows.push(vec![
            Cell::text(t("Конец калибровки", "Calibration end")),
            Cell::text(format_iso(h.calibration_end)),
        ]);
        for (i, g) in h.groups.iter().enumerate() {
            rows.push(vec![
                Cell::text(match lang {
                    Lang::Ru => format!(
                        "Отложенный период, {} повт. покупок: клиентов / ожидалось / было",
                        frequency_group(i, i == GROUPS - 1)
                    ),
                    Lang::En => format!(
                        "Holdout, {} repeat purchases: clients / expected / actual",
                        frequency_group(i, i == GROUPS - 1)
                    ),
                }),
                Cell::number(g.clients as f64, NumberFormat::Integer),
                Cell::number(g.predicted, NumberFormat::Exact),
                Cell::number(g.actual, NumberFormat::Integer),
            ]);
        }
        rows.push(vec![
            Cell::text(t(
                "Отложенный период: ожидалось / было",
                "Holdout: expected / actual",
            )),
            Cell::number(h.predicted, NumberFormat::Exact),
            Cell::number(h.actual, NumberFormat::Integer),
        ]);
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(2);
    for row in &mut rows {
        row.resize(width, Cell::Empty);
    }
    let mut headers = vec![t("Показатель", "Figure"), t("Значение", "Value")];
    headers.resize(width, String::new());
    Table {
        id: "clients-model",
        title: t("Модель прогноза", "The forecast's model"),
        headers,
        rows,
        note: None,
    }
}

/// The workbook's sheets: the clients, and the forecast's model when there is one.
pub fn client_sheets(
    analysis: &Analysis,
    forecast: Option<&Forecast>,
    currency: Currency,
    lang: Lang,
) -> Vec<Sheet> {
    let mut sheets = vec![Sheet {
        name: tr(lang, "Клиенты", "Clients").to_string(),
        tables: vec![client_table(analysis, forecast, currency, lang)],
    }];
    if let Some(f) = forecast {
        sheets.push(Sheet {
            name: tr(lang, "Модель", "Model").to_string(),
            tables: vec![model_table(f, lang)],
        });
    }
    sheets
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
        let table = client_table(&analysis, None, Currency::RUB, Lang::En);
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
