//! The import worker's engine: one opened file, its parsed rows and the last analysis.
//! Plain Rust (no browser types), so the whole pipeline is tested natively; the worker's
//! glue only moves messages.

use std::borrow::Cow;

use super::protocol::{
    AnalyzeRequest, ClientsReport, ExportFormat, ExportRequest, Failure, Forecast, Opened, Step,
    Timings, LIST_ROWS, PREVIEW_ROWS,
};
use crate::i18n::tr;
use crate::model::clients::analysis::ClientRow;
use crate::model::clients::clv::{attach, predict};
use crate::model::clients::{
    analyze, decode, guess_mapping, parse_transactions, preview, sniff, Analysis, ColumnMapping,
    Dialect, Encoding, ImportError, ParseOutcome,
};
use crate::storage::export::{client_sheet, client_table, to_csv, workbook, Locale};

/// Rows read under one dialect and mapping, kept so new settings re-analyse without
/// reading the file again.
struct Parsed {
    dialect: Dialect,
    mapping: ColumnMapping,
    outcome: ParseOutcome,
}

pub struct Session {
    file_name: String,
    text: String,
    encoding: Encoding,
    replaced: usize,
    parsed: Option<Parsed>,
    /// The last analysis with the predictions attached: the exports' source.
    analysis: Option<Analysis>,
}

/// A file ready to download.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    pub file_name: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

/// Turns the file's bytes into text without a second copy when they are UTF-8 already.
fn into_text(mut bytes: Vec<u8>) -> Result<(String, Encoding, usize), ImportError> {
    let (encoding, replaced, owned) = {
        let decoded = decode(&bytes)?;
        let owned = match decoded.text {
            Cow::Owned(text) => Some(text),
            Cow::Borrowed(_) => None,
        };
        (decoded.encoding, decoded.replaced, owned)
    };
    let text = match owned {
        Some(text) => text,
        None => {
            if encoding == Encoding::Utf8Bom {
                bytes.drain(..3);
            }
            String::from_utf8(bytes).map_err(|_| ImportError::Binary)?
        }
    };
    Ok((text, encoding, replaced))
}

impl Session {
    /// Reads a file: decodes it, guesses the dialect and the columns.
    pub fn open(file_name: &str, bytes: Vec<u8>) -> Result<(Session, Opened), ImportError> {
        let size = bytes.len();
        let (text, encoding, replaced) = into_text(bytes)?;
        if text.trim().is_empty() {
            return Err(ImportError::Empty);
        }
        let session = Session {
            file_name: file_name.to_string(),
            text,
            encoding,
            replaced,
            parsed: None,
            analysis: None,
        };
        let dialect = sniff(&session.text);
        let mut opened = session.preview(dialect);
        opened.bytes = size;
        Ok((session, opened))
    }

    /// The preview and the guessed columns under `dialect`.
    pub fn preview(&self, dialect: Dialect) -> Opened {
        let preview = preview(&self.text, &dialect, PREVIEW_ROWS);
        let mapping = guess_mapping(&preview, &dialect);
        Opened {
            file_name: self.file_name.clone(),
            bytes: self.text.len(),
            encoding: self.encoding,
            replaced: self.replaced,
            dialect,
            preview,
            mapping,
        }
    }

    /// Reads the rows (unless they were read under the same dialect and mapping), analyses
    /// them and fits the forecast. `now` is a clock in ms for the timings; `progress` gets
    /// each step's share done and returns `false` to stop.
    pub fn analyze(
        &mut self,
        request: &AnalyzeRequest,
        now: &dyn Fn() -> f64,
        progress: &mut dyn FnMut(Step, f64) -> bool,
    ) -> Result<ClientsReport, Failure> {
        let mut timings = Timings::default();
        request.analysis.validate().map_err(Failure::Settings)?;
        request.clv.validate().map_err(Failure::Settings)?;
        let fresh = self
            .parsed
            .as_ref()
            .is_some_and(|p| p.dialect == request.dialect && p.mapping == request.mapping);
        if !fresh {
            self.parsed = None;
            self.analysis = None;
            let start = now();
            let outcome = parse_transactions(
                &self.text,
                &request.dialect,
                &request.mapping,
                &mut |share| progress(Step::Reading, share),
            )
            .map_err(Failure::Import)?;
            timings.read_ms = now() - start;
            self.parsed = Some(Parsed {
                dialect: request.dialect,
                mapping: request.mapping,
                outcome,
            });
        }
        let Some(parsed) = &self.parsed else {
            return Err(Failure::NoFile);
        };
        progress(Step::Analysing, 0.0);
        let start = now();
        let data = &parsed.outcome.data;
        let mut analysis = analyze(data, &request.analysis).map_err(Failure::Settings)?;
        timings.analyse_ms = now() - start;
        if !progress(Step::Forecasting, 0.0) {
            return Err(Failure::Import(ImportError::Cancelled));
        }
        let start = now();
        let clv = predict(data, &request.clv).map_err(Failure::Settings)?;
        attach(&mut analysis, &clv);
        timings.forecast_ms = now() - start;

        let outcome = &parsed.outcome;
        let report = ClientsReport {
            file_name: self.file_name.clone(),
            rows_read: outcome.rows_read,
            blank_rows: outcome.blank_rows,
            zero_amount_rows: outcome.zero_amount_rows,
            negative_total: outcome.negative_total,
            rejected: outcome.rejected.clone(),
            summary: analysis.summary.clone(),
            abc: analysis.abc,
            xyz: analysis.xyz,
            matrix: analysis.matrix.clone(),
            segments: analysis.segments,
            reactivation: analysis
                .reactivation
                .iter()
                .take(LIST_ROWS)
                .cloned()
                .collect(),
            reactivation_total: analysis.reactivation.len(),
            cohorts: analysis.cohorts.clone(),
            base: analysis.base.clone(),
            forecast: Forecast {
                verdict: clv.verdict,
                bgnbd: clv.bgnbd,
                gamma_gamma: clv.gamma_gamma,
                customers: clv.customers,
                repeat_customers: clv.repeat_customers,
                time_unit: request.clv.time_unit,
                horizon_months: request.clv.horizon_months,
                base_value: clv.base_value,
                base_expected_purchases: clv.base_expected_purchases,
                expected_active_clients: clv.expected_active_clients,
            },
            top_clients: top_clients(&analysis),
            timings,
        };
        self.analysis = Some(analysis);
        Ok(report)
    }

    /// The per-client table of the last analysis as CSV or .xlsx.
    pub fn export(&self, request: &ExportRequest) -> Result<Export, Failure> {
        let analysis = self.analysis.as_ref().ok_or(Failure::NoFile)?;
        let stem = tr(request.lang, "клиенты", "clients");
        Ok(match request.format {
            ExportFormat::Csv => Export {
                file_name: format!("{stem}.csv"),
                mime: "text/csv;charset=utf-8",
                bytes: to_csv(&client_table(analysis, request.lang), request.lang).into_bytes(),
            },
            ExportFormat::Xlsx => Export {
                file_name: format!("{stem}.xlsx"),
                mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                bytes: workbook(
                    &[client_sheet(analysis, request.lang)],
                    Locale {
                        currency: request.currency,
                        lang: request.lang,
                    },
                    &self.file_name,
                ),
            },
        })
    }
}

/// The most valuable clients: by predicted value when there is a forecast, else by revenue.
fn top_clients(analysis: &Analysis) -> Vec<ClientRow> {
    let value = |c: &ClientRow| (c.predicted.map_or(0.0, |p| p.predicted_value), c.revenue);
    let mut order: Vec<usize> = (0..analysis.clients.len()).collect();
    let by_value = |a: &usize, b: &usize| {
        value(&analysis.clients[*b])
            .partial_cmp(&value(&analysis.clients[*a]))
            .unwrap_or(std::cmp::Ordering::Equal)
    };
    if order.len() > LIST_ROWS {
        order.select_nth_unstable_by(LIST_ROWS, by_value);
        order.truncate(LIST_ROWS);
    }
    order.sort_by(by_value);
    order
        .into_iter()
        .map(|i| analysis.clients[i].clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::model::clients::clv::ClvSettings;
    use crate::model::clients::decode::decode_1251;
    use crate::model::clients::AnalysisSettings;
    use crate::model::Currency;

    /// A Russian Excel export: Windows-1251, `;`, decimal comma, dd.mm.yyyy, one bad row.
    fn russian_excel_file() -> Vec<u8> {
        let mut text = String::from("Клиент;Дата;Сумма;Менеджер\r\n");
        for c in 0..60 {
            for m in 0..6 {
                if (c + m) % 3 != 0 {
                    text.push_str(&format!(
                        "ООО Ромашка {c};{:02}.{:02}.2024;{},50;Иванов\r\n",
                        1 + (c % 27),
                        1 + m,
                        1000 + c * 10
                    ));
                }
            }
        }
        text.push_str("ООО Ромашка 1;31.02.2024;100,00;Иванов\r\n");
        encode_1251(&text)
    }

    fn encode_1251(text: &str) -> Vec<u8> {
        // The inverse of decode_1251 for the characters used here.
        let table: Vec<(char, u8)> = (0x80u8..=0xff)
            .filter_map(|b| decode_1251(&[b]).chars().next().map(|c| (c, b)))
            .collect();
        text.chars()
            .map(|c| {
                if c.is_ascii() {
                    c as u8
                } else {
                    table
                        .iter()
                        .find(|(t, _)| *t == c)
                        .map_or(b'?', |(_, b)| *b)
                }
            })
            .collect()
    }

    fn request(opened: &Opened) -> AnalyzeRequest {
        AnalyzeRequest {
            dialect: opened.dialect,
            mapping: opened.mapping,
            analysis: AnalysisSettings::default(),
            clv: ClvSettings {
                min_repeat_customers: 10.0,
                ..ClvSettings::default()
            },
        }
    }

    #[test]
    fn a_russian_excel_file_opens_with_its_columns_guessed() {
        let (_, opened) = Session::open("продажи.csv", russian_excel_file()).unwrap();
        assert_eq!(opened.encoding, Encoding::Windows1251);
        assert_eq!(opened.dialect.delimiter, b';');
        assert_eq!(opened.preview.headers[0], "Клиент");
        assert_eq!(opened.mapping.client, Some(0));
        assert_eq!(opened.mapping.date, Some(1));
        assert_eq!(opened.mapping.amount, Some(2));
        assert_eq!(opened.mapping.manager, Some(3));
        assert_eq!(opened.preview.rows.len(), PREVIEW_ROWS);
    }

    #[test]
    fn analysis_counts_every_row_and_reports_the_rejected_one() {
        let (mut session, opened) = Session::open("f.csv", russian_excel_file()).unwrap();
        let mut steps = Vec::new();
        let report = session
            .analyze(&request(&opened), &|| 0.0, &mut |step, _| {
                steps.push(step);
                true
            })
            .unwrap();
        assert_eq!(report.rejected_rows(), 1);
        assert_eq!(report.rows_read, report.summary.transactions + 1);
        assert_eq!(report.summary.clients, 60);
        assert!(report.top_clients.len() <= LIST_ROWS);
        assert_eq!(report.segments.iter().map(|g| g.clients).sum::<usize>(), 60);
        assert!(steps.contains(&Step::Analysing) && steps.contains(&Step::Forecasting));
        // New settings re-analyse the rows kept, without reading the file again.
        let mut again = request(&opened);
        again.analysis.abc_a_pct = 50.0;
        let mut read_again = false;
        let second = session
            .analyze(&again, &|| 0.0, &mut |step, _| {
                read_again |= step == Step::Reading;
                true
            })
            .unwrap();
        assert!(!read_again);
        assert_eq!(second.summary, report.summary);
        assert!(second.abc[0].clients <= report.abc[0].clients);
    }

    #[test]
    fn top_clients_are_ordered_by_value() {
        let (mut session, opened) = Session::open("f.csv", russian_excel_file()).unwrap();
        let report = session
            .analyze(&request(&opened), &|| 0.0, &mut |_, _| true)
            .unwrap();
        let values: Vec<(f64, f64)> = report
            .top_clients
            .iter()
            .map(|c| (c.predicted.map_or(0.0, |p| p.predicted_value), c.revenue))
            .collect();
        assert!(values.windows(2).all(|w| w[0] >= w[1]));
    }

    #[test]
    fn cancel_stops_the_analysis() {
        let (mut session, opened) = Session::open("f.csv", russian_excel_file()).unwrap();
        let result = session.analyze(&request(&opened), &|| 0.0, &mut |step, _| {
            step != Step::Forecasting
        });
        assert_eq!(result, Err(Failure::Import(ImportError::Cancelled)));
    }

    #[test]
    fn exports_need_an_analysis_and_carry_every_client() {
        let (mut session, opened) = Session::open("f.csv", russian_excel_file()).unwrap();
        let csv = ExportRequest {
            format: ExportFormat::Csv,
            lang: Lang::Ru,
            currency: Currency::RUB,
        };
        assert_eq!(session.export(&csv), Err(Failure::NoFile));
        session
            .analyze(&request(&opened), &|| 0.0, &mut |_, _| true)
            .unwrap();
        let file = session.export(&csv).unwrap();
        let text = String::from_utf8(file.bytes).unwrap();
        assert_eq!(text.lines().count(), 61, "a header and 60 clients");
        assert!(text.contains("ООО Ромашка 0;"));
        let xlsx = session
            .export(&ExportRequest {
                format: ExportFormat::Xlsx,
                ..csv
            })
            .unwrap();
        assert!(xlsx.bytes.starts_with(b"PK"));
        assert_eq!(xlsx.file_name, "клиенты.xlsx");
    }

    #[test]
    fn a_file_that_is_not_text_is_refused() {
        let zip = b"PK\x03\x04\x00\x00\x00\x00binary\x00\x00\x01\x02".to_vec();
        assert!(matches!(
            Session::open("book.xlsx", zip),
            Err(ImportError::Binary)
        ));
        assert!(matches!(
            Session::open("empty.csv", b"  \r\n".to_vec()),
            Err(ImportError::Empty)
        ));
    }
}
